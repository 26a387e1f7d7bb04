<#ftl output_format="HTML" strip_whitespace=true>
<#-- Model: status, title, message. Never anything about a subscriber. -->
<#import "layout.html.ftl" as layout>
<@layout.page title=title>
<h1>${title}</h1>
<p>${message}</p>
<p class="muted">Error ${status?c}</p>
</@layout.page>
