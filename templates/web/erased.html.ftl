<#ftl output_format="HTML" strip_whitespace=true>
<#-- Model: nothing of the subscriber: they are gone. -->
<#import "layout.html.ftl" as layout>
<@layout.page title=t("erased.title")>
<h1>${t("erased.heading")}</h1>
<p>${t("erased.body")}</p>
</@layout.page>
