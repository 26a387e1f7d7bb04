<#ftl output_format="HTML" strip_whitespace=true>
<#-- Model: heading and message (message keys), email. The answer to every request whose outcome arrives by e-mail. -->
<#import "layout.html.ftl" as layout>
<@layout.page title=t(heading)>
<h1>${t(heading)}</h1>
<p>${t(message)}</p>
<p class="addr" dir="ltr">${email}</p>
<p class="muted">${t("inbox.spam")} ${t("confirm.validity", 7)}</p>
</@layout.page>
