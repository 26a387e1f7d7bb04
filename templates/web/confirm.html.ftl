<#ftl output_format="HTML" strip_whitespace=true>
<#-- Model: action ("subscribe", "resubscribe" or "email"), email (the address being confirmed), csrf. Posts to this same URL. -->
<#import "layout.html.ftl" as layout>
<@layout.page title=t("confirm.page.title")>
<#if action == "email">
<h1>${t.html("confirm.page.email", "<bdi class=\"addr\">"?no_esc + email + "</bdi>"?no_esc, "<bdi>"?no_esc + siteName + "</bdi>"?no_esc)}</h1>
<p>${t("confirm.page.emailHint")}</p>
<#elseif action == "resubscribe">
<h1>${t.html("confirm.page.resubscribe", "<bdi class=\"addr\">"?no_esc + email + "</bdi>"?no_esc, "<bdi>"?no_esc + siteName + "</bdi>"?no_esc)}</h1>
<p>${t("confirm.page.resubscribeHint")}</p>
<#else>
<h1>${t.html("confirm.page.subscribe", "<bdi class=\"addr\">"?no_esc + email + "</bdi>"?no_esc, "<bdi>"?no_esc + siteName + "</bdi>"?no_esc)}</h1>
<p>${t("confirm.page.subscribeHint")}</p>
</#if>
<form method="post">
<input type="hidden" name="csrf" value="${csrf}">
<button type="submit">${t("confirm.page.title")}</button>
</form>
</@layout.page>
