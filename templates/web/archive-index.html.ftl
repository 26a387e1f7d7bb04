<#ftl output_format="HTML" strip_whitespace=true>
<#-- Model: editions (url, label), newest first. -->
<#import "layout.html.ftl" as layout>
<@layout.page title="Past editions" indexable=true>
<h1>Past editions</h1>
<#if editions?has_content>
<ul>
<#list editions as e><li><a href="${e.url}">${e.label}</a></li></#list>
</ul>
<#else>
<p>No edition has gone out yet.</p>
</#if>
<p class="cta">Like what you read? <a href="${subscribeUrl}">Subscribe</a> and get each edition by e-mail.</p>
</@layout.page>
