<#ftl output_format="HTML" strip_whitespace=true>
<#--
  Model: email, status, name, categories (slug, name, checked), frequency, weekday, weekdays (value, label), hour,
  timezone, zones, format, csrf, unsubscribeUrl, saved (optional), error (optional), notice (optional),
  accountUrl (this page: the smaller forms post to accountUrl/pause, /email, /rotate), pausedUntil ("" when not
  paused), pauseWeeks. The form posts to this same URL; csrf must come back unchanged in every form.
-->
<#import "layout.html.ftl" as layout>
<@layout.page title="Your preferences">
<h1>Your preferences</h1>
<p>For <span class="addr">${email}</span></p>
<#if saved??><p class="notice ok" role="status">Saved. Your next digest follows these settings.</p></#if>
<#if notice??><p class="notice ok" role="status">${notice}</p></#if>
<#if error??><p class="notice error" role="alert">${error} Nothing was saved.</p></#if>
<#if status != "active"><p class="notice error">No digests are being sent to this address at the moment (${status}).</p></#if>
<form method="post">
<input type="hidden" name="csrf" value="${csrf}">

<label for="name">Name <span class="muted">(optional, used in the greeting)</span></label>
<input type="text" id="name" name="name" maxlength="200" value="${name}" autocomplete="name">

<fieldset>
<legend>Categories</legend>
<p class="hint">Tick none to get every category, including new ones.</p>
<#list categories as c>
<label class="check"><input type="checkbox" name="category" value="${c.slug}"<#if c.checked> checked</#if>> ${c.name}</label>
</#list>
</fieldset>

<fieldset>
<legend>How often</legend>
<label><input type="radio" name="frequency" value="daily"<#if frequency == "daily"> checked</#if>> Daily</label>
<label><input type="radio" name="frequency" value="weekly"<#if frequency == "weekly"> checked</#if>> Weekly, on the day below</label>
</fieldset>

<div class="row">
<div>
<label for="weekday">Day <span class="muted">(weekly)</span></label>
<select id="weekday" name="weekday">
<#list weekdays as d><option value="${d.value?c}"<#if d.value == weekday> selected</#if>>${d.label}</option></#list>
</select>
</div>
<div>
<label for="hour">Time</label>
<select id="hour" name="hour">
<#list 0..23 as h><option value="${h?c}"<#if h?c == hour> selected</#if>>${h?string("00")}:00</option></#list>
</select>
</div>
</div>

<label for="timezone">Time zone</label>
<input type="text" id="timezone" name="timezone" list="zones" maxlength="64" value="${timezone}" autocomplete="off" spellcheck="false">
<datalist id="zones"><#list zones as z><option value="${z}"></#list></datalist>
<p class="hint">A name such as Europe/Paris, America/New_York or UTC.</p>

<fieldset>
<legend>Format</legend>
<label><input type="radio" name="format" value="html"<#if format == "html"> checked</#if>> Formatted (HTML)</label>
<label><input type="radio" name="format" value="text"<#if format == "text"> checked</#if>> Plain text</label>
</fieldset>

<button type="submit">Save preferences</button>
</form>
<h2 id="pause">Pause</h2>
<#if pausedUntil?has_content>
<p>Digests are paused until ${pausedUntil}.</p>
<form method="post" action="${accountUrl}/pause">
<input type="hidden" name="csrf" value="${csrf}">
<input type="hidden" name="weeks" value="0">
<button type="submit">Resume now</button>
</form>
<#else>
<form method="post" action="${accountUrl}/pause">
<input type="hidden" name="csrf" value="${csrf}">
<label for="weeks">Going away? No digests for</label>
<select id="weeks" name="weeks"><#list pauseWeeks as w><option value="${w?c}">${w} week<#if w != 1>s</#if></option></#list></select>
<button type="submit">Pause</button>
</form>
</#if>

<h2 id="address">E-mail address</h2>
<form method="post" action="${accountUrl}/email">
<input type="hidden" name="csrf" value="${csrf}">
<label for="new-email">New address</label>
<input type="email" id="new-email" name="email" maxlength="254" autocomplete="email" required>
<p class="hint">We send a link to the new address; nothing changes until it is opened.</p>
<button type="submit">Change address</button>
</form>

<h2 id="links">Your links</h2>
<form method="post" action="${accountUrl}/rotate">
<input type="hidden" name="csrf" value="${csrf}">
<p>Forwarded a digest to someone? Sign out every link in your earlier e-mails, this page's included. We e-mail you new ones.</p>
<button type="submit">Sign out all links</button>
</form>

<h2 id="data">Your data</h2>
<p><a href="${accountUrl}/export">Download everything we store about you</a> (JSON) &middot; <a href="${accountUrl}/erase">Erase all your data</a></p>

<p class="muted" style="margin-top:24px">Don't want digests any more? <a href="${unsubscribeUrl}">Unsubscribe</a>.</p>
</@layout.page>
