<#ftl output_format="HTML" strip_whitespace=true>
<#-- Model: action (as confirm.html.ftl), email, preferencesUrl. -->
<#import "layout.html.ftl" as layout>
<@layout.page title="Confirmed">
<#if action == "email">
<h1>Your address is now <span class="addr">${email}</span></h1>
<p>Links in earlier e-mails no longer work; your next digest carries new ones.</p>
<#else>
<h1>You are subscribed</h1>
<p><span class="addr">${email}</span> gets ${siteName} from the next digest due.</p>
</#if>
<p><a href="${preferencesUrl}">Manage your preferences</a></p>
</@layout.page>
