<#ftl output_format="HTML" strip_whitespace=true>
<#-- Model: heading, message, email. The answer to every request whose outcome arrives by e-mail. -->
<#import "layout.html.ftl" as layout>
<@layout.page title=heading>
<h1>${heading}</h1>
<p>${message}</p>
<p class="addr">${email}</p>
<p class="muted">Nothing there after a few minutes? Look in the spam folder. Links in these e-mails work once, for 7 days.</p>
</@layout.page>
