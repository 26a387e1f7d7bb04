<#ftl output_format="HTML" strip_whitespace=true>
<#-- Model: date (formatted), picks (title, url, category, summary, source, sourceUrl; "" when absent, url only http(s)). -->
<#import "layout.html.ftl" as layout>
<@layout.page title=date indexable=true>
<h1>${date}</h1>
<ul class="picks">
<#list picks as p>
<li>
<div class="label" dir="auto">${p.category}</div>
<#if p.url?has_content><a class="title" href="${p.url}" rel="noopener noreferrer" dir="auto">${p.title}</a><#else><span class="title" dir="auto">${p.title}</span></#if>
<#if p.summary?has_content><p dir="auto">${p.summary}</p></#if>
<#if p.source?has_content><div class="muted" dir="auto"><#if p.sourceUrl?has_content><a href="${p.sourceUrl}" rel="noopener noreferrer">${p.source}</a><#else>${p.source}</#if></div></#if>
</li>
</#list>
</ul>
<p class="cta">${t.html("archive.cta", '<a href="'?no_esc + subscribeUrl + '">'?no_esc + t("page.subscribe") + "</a>"?no_esc)}</p>
</@layout.page>
