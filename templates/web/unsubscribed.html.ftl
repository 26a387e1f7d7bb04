<#ftl output_format="HTML" strip_whitespace=true>
<#-- Model: email, resubscribeUrl, csrf. Shown after any unsubscribe POST, including one-click and repeats. -->
<#import "layout.html.ftl" as layout>
<@layout.page title=t("unsubscribed.title")>
<h1>${t("unsubscribed.heading")}</h1>
<p>${t.html("unsubscribed.body", "<bdi class=\"addr\">"?no_esc + email + "</bdi>"?no_esc, "<bdi>"?no_esc + siteName + "</bdi>"?no_esc)}</p>
<p class="muted">${t("unsubscribed.late")}</p>
<form method="post" action="${resubscribeUrl}">
<input type="hidden" name="csrf" value="${csrf}">
<p>${t("unsubscribed.changed")}</p>
<button type="submit">${t("confirm.resubscribe.button")}</button>
</form>
</@layout.page>
