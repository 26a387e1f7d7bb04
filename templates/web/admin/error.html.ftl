<#ftl output_format="HTML" strip_whitespace=true>
<#-- Model: status, title, message. -->
<#import "layout.html.ftl" as layout>
<@layout.page title=title>
<h1>${title}</h1>
<p class="notice error">${message}</p>
<p class="muted">Error ${status?c}. <a href="${base}/admin/picks">Back to the picks</a></p>
</@layout.page>
