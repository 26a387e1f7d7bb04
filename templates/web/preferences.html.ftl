<#ftl output_format="HTML" strip_whitespace=true>
<#--
  Model: email, status, csrf, unsubscribeUrl, saved (optional), error (optional), notice (optional), accountUrl (this
  page: the smaller forms post to accountUrl/pause, /email, /rotate), pausedUntil ("" when not paused), pauseWeeks,
  and the fields of subscription-form.html.ftl (choices, weekdays). The form posts to this same URL; csrf must come back unchanged in every form.
-->
<#import "layout.html.ftl" as layout>
<#import "subscription-form.html.ftl" as subscription>
<@layout.page title=t("prefs.title")>
<h1>${t("prefs.title")}</h1>
<p>${t.html("prefs.for", "<bdi class=\"addr\">"?no_esc + email + "</bdi>"?no_esc)}</p>
<#if saved??><p class="notice ok" role="status">${t("prefs.saved")}</p></#if>
<#if notice??><p class="notice ok" role="status">${t(notice)}</p></#if>
<#if error??><p class="notice error" role="alert">${error} ${t("form.nothingSaved")}</p></#if>
<#if status != "active"><p class="notice error">${t("prefs.notActive", status)}</p></#if>
<@subscription.form submitLabel=t("prefs.save")>
<input type="hidden" name="csrf" value="${csrf}">
</@subscription.form>
<h2 id="pause">${t("prefs.pause")}</h2>
<#if pausedUntil?has_content>
<p>${t("prefs.pausedUntil", pausedUntil)}</p>
<form method="post" action="${accountUrl}/pause">
<input type="hidden" name="csrf" value="${csrf}">
<input type="hidden" name="weeks" value="0">
<button type="submit">${t("prefs.resume")}</button>
</form>
<#else>
<form method="post" action="${accountUrl}/pause">
<input type="hidden" name="csrf" value="${csrf}">
<label for="weeks">${t("prefs.goingAway")}</label>
<select id="weeks" name="weeks"><#list pauseWeeks as w><option value="${w?c}">${t("prefs.weeks", w)}</option></#list></select>
<button type="submit">${t("prefs.pause")}</button>
</form>
</#if>

<h2 id="address">${t("form.email")}</h2>
<form method="post" action="${accountUrl}/email">
<input type="hidden" name="csrf" value="${csrf}">
<label for="new-email">${t("prefs.newAddress")}</label>
<input type="email" dir="ltr" id="new-email" name="email" maxlength="254" autocomplete="email" required>
<p class="hint">${t("prefs.newAddressHint")}</p>
<button type="submit">${t("prefs.changeAddress")}</button>
</form>

<h2 id="links">${t("prefs.links")}</h2>
<form method="post" action="${accountUrl}/rotate">
<input type="hidden" name="csrf" value="${csrf}">
<p>${t("prefs.linksHint")}</p>
<button type="submit">${t("prefs.signOut")}</button>
</form>

<h2 id="data">${t("prefs.data")}</h2>
<p><a href="${accountUrl}/export">${t("prefs.download")}</a> (JSON) &middot; <a href="${accountUrl}/erase">${t("prefs.erase")}</a></p>

<p class="muted footnote">${t("prefs.noMore")} <a href="${unsubscribeUrl}">${t("digest.unsubscribe")}</a></p>
</@layout.page>
