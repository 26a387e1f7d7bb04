<#ftl output_format="HTML" strip_whitespace=true>
<#-- Model: action (as confirm.html.ftl), email, preferencesUrl. -->
<#import "layout.html.ftl" as layout>
<@layout.page title=t("confirmed.title")>
<#if action == "email">
<h1>${t.html("confirmed.email", "<bdi class=\"addr\">"?no_esc + email + "</bdi>"?no_esc)}</h1>
<p>${t("confirmed.emailHint")}</p>
<#else>
<h1>${t("confirmed.subscribed")}</h1>
<p>${t.html("confirmed.subscribedHint", "<bdi class=\"addr\">"?no_esc + email + "</bdi>"?no_esc, "<bdi>"?no_esc + siteName + "</bdi>"?no_esc)}</p>
</#if>
<p><a href="${preferencesUrl}">${t("notice.preferences")}</a></p>
</@layout.page>
