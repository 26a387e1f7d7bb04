<#ftl output_format="HTML" strip_whitespace=true>
<#--
  Model: email, name, categories (slug, name, checked), frequency, weekday, weekdays (value, label), hour, timezone,
  zones, format, scriptUrl, guessTimezone (true while the time zone is the untouched default: the script may then set
  the browser's), error (optional). The form posts to this same URL. Without JavaScript everything works; the time
  zone stays UTC unless typed.
-->
<#import "layout.html.ftl" as layout>
<@layout.page title="Subscribe">
<h1>Subscribe to ${siteName}</h1>
<p>One e-mail with our editors' picks, at the hour you choose. We send a link to confirm first.</p>
<#if error??><p class="notice error" role="alert">${error} Nothing was saved.</p></#if>
<form method="post">
<label for="email">E-mail address</label>
<input type="email" id="email" name="email" maxlength="254" value="${email}" autocomplete="email" required>

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
<label><input type="radio" name="frequency" value="daily"<#if frequency != "weekly"> checked</#if>> Daily</label>
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
<input type="text" id="timezone" name="timezone" list="zones" maxlength="64" value="${timezone}" autocomplete="off" spellcheck="false"<#if guessTimezone> data-guess="yes"</#if>>
<datalist id="zones"><#list zones as z><option value="${z}"></#list></datalist>
<p class="hint">A name such as Europe/Paris, America/New_York or UTC.</p>

<fieldset>
<legend>Format</legend>
<label><input type="radio" name="format" value="html"<#if format != "text"> checked</#if>> Formatted (HTML)</label>
<label><input type="radio" name="format" value="text"<#if format == "text"> checked</#if>> Plain text</label>
</fieldset>

<button type="submit">Subscribe</button>
</form>
<script src="${scriptUrl}"></script>
</@layout.page>
