<#ftl output_format="HTML" strip_whitespace=true>
<#-- Model: date (formatted), picks (title, url, category, summary, source, sourceUrl; "" when absent, url only http(s)). -->
<#import "layout.html.ftl" as layout>
<@layout.page title=date indexable=true>
<h1>${date}</h1>
<ul class="picks">
<#list picks as p>
<li>
<div class="label">${p.category}</div>
<#if p.url?has_content><a class="title" href="${p.url}" rel="noopener noreferrer">${p.title}</a><#else><span class="title">${p.title}</span></#if>
<#if p.summary?has_content><p>${p.summary}</p></#if>
<#if p.source?has_content><div class="muted"><#if p.sourceUrl?has_content><a href="${p.sourceUrl}" rel="noopener noreferrer">${p.source}</a><#else>${p.source}</#if></div></#if>
</li>
</#list>
</ul>
<p class="cta">Like what you read? <a href="${subscribeUrl}">Subscribe</a> and get each edition by e-mail.</p>
</@layout.page>
