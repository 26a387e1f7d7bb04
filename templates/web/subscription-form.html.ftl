<#ftl output_format="HTML" strip_whitespace=true>
<#--
  The subscription form, shared by the sign-up page (subscribe.html.ftl) and the preference centre
  (preferences.html.ftl): what a reader chooses is the same on both, so it is written once.
  Reads from the page's model: choices (SubscriptionChoices: name, categories (slug, name, checked), frequency,
  weekday, hour, timezone, zones, format), weekdays (value, label), locale. The nested content comes first in the form (the sign-up's address field, the
  preference centre's CSRF field). guessTimezone marks the time zone field for /subscribe.js (data-guess="yes").
  A radio group always has one choice ticked: anything but "weekly" shows Daily, anything but "text" shows HTML, the
  defaults of a new subscription, also when a refused form comes back with a value no browser sends.
-->
<#macro form submitLabel guessTimezone=false>
<form method="post">
<#nested>

<label for="name">${t("form.name")} <span class="muted">${t("form.nameHint")}</span></label>
<input type="text" dir="auto" id="name" name="name" maxlength="200" value="${choices.name}" autocomplete="name">

<fieldset>
<legend>${t("form.categories")}</legend>
<p class="hint">${t("form.categoriesHint")}</p>
<#list choices.categories as c>
<label class="check"><input type="checkbox" name="category" value="${c.slug}"<#if c.checked> checked</#if>> <bdi>${c.name}</bdi></label>
</#list>
</fieldset>

<fieldset>
<legend>${t("form.frequency")}</legend>
<label><input type="radio" name="frequency" value="daily"<#if choices.frequency != "weekly"> checked</#if>> ${t("form.daily")}</label>
<label><input type="radio" name="frequency" value="weekly"<#if choices.frequency == "weekly"> checked</#if>> ${t("form.weekly")}</label>
</fieldset>

<div class="row">
<div>
<label for="weekday">${t("form.day")} <span class="muted">${t("form.dayHint")}</span></label>
<select id="weekday" name="weekday">
<#list weekdays as d><option value="${d.value?c}"<#if d.value == choices.weekday> selected</#if>>${d.label}</option></#list>
</select>
</div>
<div>
<label for="hour">${t("form.time")}</label>
<select id="hour" name="hour">
<#list 0..23 as h><option value="${h?c}"<#if h?c == choices.hour> selected</#if>>${h?string("00")}:00</option></#list>
</select>
</div>
</div>

<label for="timezone">${t("form.timezone")}</label>
<input type="text" dir="ltr" id="timezone" name="timezone" list="zones" maxlength="64" value="${choices.timezone}" autocomplete="off" spellcheck="false"<#if guessTimezone> data-guess="yes"</#if>>
<datalist id="zones"><#list choices.zones as z><option value="${z}"></#list></datalist>
<p class="hint">${t("form.timezoneHint")}</p>

<fieldset>
<legend>${t("form.format")}</legend>
<label><input type="radio" name="format" value="html"<#if choices.format != "text"> checked</#if>> ${t("form.html")}</label>
<label><input type="radio" name="format" value="text"<#if choices.format == "text"> checked</#if>> ${t("form.text")}</label>
</fieldset>

<label for="locale">${t("form.language")}</label>
<select id="locale" name="locale"><#list languages as l><option value="${l.tag}" lang="${l.tag}"<#if l.tag == locale> selected</#if>>${l.name}</option></#list></select>

<button type="submit">${submitLabel}</button>
</form>
</#macro>
