<#ftl output_format="HTML" strip_whitespace=true>
<#--
  Model: siteName, siteUrl, email, recipientName (optional), reason ("already_subscribed" or "new_links"),
  preferencesUrl, unsubscribeUrl. Every ${...} is HTML-escaped.
  Paragraphs keep their margins in style attributes: Outlook for Windows has its own and Gmail may drop <style>.
-->
<#import "notice-layout.html.ftl" as layout>
<#import "palette.html.ftl" as palette>
<@layout.mail title=siteName buttonText="Manage your preferences" buttonUrl=preferencesUrl>
<#if reason == "already_subscribed">
<p style="margin:0 0 12px 0;">Someone, hopefully you, tried to subscribe <strong>${email}</strong> to ${siteName}. This address is already subscribed, so nothing changed.</p>
<#else>
<p style="margin:0 0 12px 0;">You signed out all your ${siteName} links: the ones in earlier e-mails no longer work. Here are your new ones.</p>
</#if>
<p style="margin:0;">Change categories, time or format, pause, or <a href="${unsubscribeUrl}" class="pd-link" style="color:${palette.link};">unsubscribe</a> at any time.</p>
</@layout.mail>
