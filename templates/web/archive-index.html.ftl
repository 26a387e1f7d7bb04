<#ftl output_format="HTML" strip_whitespace=true>
<#-- Model: editions (url, label), newest first. -->
<#import "layout.html.ftl" as layout>
<@layout.page title=t("page.pastEditions") indexable=true>
<h1>${t("page.pastEditions")}</h1>
<#if editions?has_content>
<ul>
<#list editions as e><li><a href="${e.url}">${e.label}</a></li></#list>
</ul>
<#else>
<p>${t("archive.none")}</p>
</#if>
<p class="cta">${t.html("archive.cta", '<a href="'?no_esc + subscribeUrl + '">'?no_esc + t("page.subscribe") + "</a>"?no_esc)}</p>
</@layout.page>
