<#ftl output_format="HTML" strip_whitespace=true>
<#-- Model: status, title (a message key), message (a key, optional), detail (a sentence, optional). Never anything about a subscriber. -->
<#import "layout.html.ftl" as layout>
<@layout.page title=t(title)>
<h1>${t(title)}</h1>
<p><#if detail??>${detail}</#if><#if detail?? && message??> </#if><#if message??>${t(message)}</#if></p>
<p class="muted">${t("error.status", status?c)}</p>
</@layout.page>
