<#ftl output_format="HTML" strip_whitespace=true>
<#--
  The subscription form, shared by the sign-up page (subscribe.html.ftl) and the preference centre
  (preferences.html.ftl): what a reader chooses is the same on both, so it is written once.
  Reads from the page's model: name, categories (slug, name, checked), frequency, weekday, weekdays (value, label),
  hour, timezone, zones, format. The nested content comes first in the form (the sign-up's address field, the
  preference centre's CSRF field). guessTimezone marks the time zone field for /subscribe.js (data-guess="yes").
  A radio group always has one choice ticked: anything but "weekly" shows Daily, anything but "text" shows HTML, the
  defaults of a new subscription, also when a refused form comes back with a value no browser sends.
-->
<#macro form submitLabel guessTimezone=false>
<form method="post">
<#nested>

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

<button type="submit">${submitLabel}</button>
</form>
</#macro>
