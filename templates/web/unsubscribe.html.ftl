<#ftl output_format="HTML" strip_whitespace=true>
<#-- Model: email, reason, maxReason, preferencesUrl, error (optional). The form posts to this same URL. -->
<#import "layout.html.ftl" as layout>
<@layout.page title=t("digest.unsubscribe")>
<h1>${t.html("unsubscribe.heading", "<bdi class=\"addr\">"?no_esc + email + "</bdi>"?no_esc, "<bdi>"?no_esc + siteName + "</bdi>"?no_esc)}</h1>
<#if error??><p class="notice error" role="alert">${error}</p></#if>
<p>${t("unsubscribe.body")}</p>
<form method="post">
<label for="reason">${t("unsubscribe.why")} <span class="muted">${t("form.optional")}</span></label>
<input type="text" dir="auto" id="reason" name="reason" maxlength="${maxReason?c}" value="${reason}">
<button type="submit" class="danger">${t("digest.unsubscribe")}</button>
</form>
<p class="muted footnote">${t.html("unsubscribe.instead", '<a href="'?no_esc + preferencesUrl + '">'?no_esc + t("unsubscribe.insteadLink") + "</a>"?no_esc)}</p>
</@layout.page>
