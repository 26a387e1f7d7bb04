<#ftl output_format="HTML" strip_whitespace=true>
<#--
  Model: email, status, csrf, unsubscribeUrl, saved (optional), error (optional), notice (optional), accountUrl (this
  page: the smaller forms post to accountUrl/pause, /email, /rotate), pausedUntil ("" when not paused), pauseWeeks,
  and the fields of subscription-form.html.ftl (name, categories, frequency, weekday, weekdays, hour, timezone, zones,
  format). The form posts to this same URL; csrf must come back unchanged in every form.
-->
<#import "layout.html.ftl" as layout>
<#import "subscription-form.html.ftl" as subscription>
<@layout.page title="Your preferences">
<h1>Your preferences</h1>
<p>For <span class="addr">${email}</span></p>
<#if saved??><p class="notice ok" role="status">Saved. Your next digest follows these settings.</p></#if>
<#if notice??><p class="notice ok" role="status">${notice}</p></#if>
<#if error??><p class="notice error" role="alert">${error} Nothing was saved.</p></#if>
<#if status != "active"><p class="notice error">No digests are being sent to this address at the moment (${status}).</p></#if>
<@subscription.form submitLabel="Save preferences">
<input type="hidden" name="csrf" value="${csrf}">
</@subscription.form>
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

<p class="muted footnote">Don't want digests any more? <a href="${unsubscribeUrl}">Unsubscribe</a>.</p>
</@layout.page>
