<#ftl output_format="HTML" strip_whitespace=true>
<#--
  Model: siteName, siteUrl, email, recipientName (optional), reason ("already_subscribed" or "new_links"),
  preferencesUrl, unsubscribeUrl. Every ${...} is HTML-escaped.
  Paragraphs keep their margins in style attributes: Outlook for Windows has its own and Gmail may drop <style>.
-->
<#import "notice-layout.html.ftl" as layout>
<#import "palette.html.ftl" as palette>
<@layout.mail title=siteName buttonText=t("notice.preferences") buttonUrl=preferencesUrl>
<#if reason == "already_subscribed">
<p style="margin:0 0 12px 0;">${t.html("manage.already", "<span dir=\"auto\">"?no_esc + siteName + "</span>"?no_esc, "<strong dir=\"ltr\">"?no_esc + email + "</strong>"?no_esc)}</p>
<#else>
<p style="margin:0 0 12px 0;">${t("manage.newLinks", siteName)}</p>
</#if>
<p style="margin:0;">${t.html("notice.anyTime", '<a href="'?no_esc + unsubscribeUrl + '" class="pd-link" style="color:'?no_esc + palette.link + ';">'?no_esc + t("notice.unsubscribeLink") + "</a>"?no_esc)}</p>
</@layout.mail>
