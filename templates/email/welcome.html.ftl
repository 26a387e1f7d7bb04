<#ftl output_format="HTML" strip_whitespace=true>
<#--
  The welcome of a new subscriber, sent once: when their confirmation link is used (or at sign-up without double
  opt-in). Edit freely; PICKS_WELCOME=false turns it off.
  Model: siteName, siteUrl, email, recipientName (optional: only for a confirmed address), preferencesUrl,
  unsubscribeUrl, archiveUrl (past editions), latestEditionUrl (optional: absent before the first edition went out).
  Every ${...} is HTML-escaped. Paragraphs keep their margins in style attributes: Outlook for Windows has its own and
  Gmail may drop <style>.
-->
<#import "notice-layout.html.ftl" as layout>
<#import "palette.html.ftl" as palette>
<@layout.mail title="Welcome to " + siteName buttonText="Manage your preferences" buttonUrl=preferencesUrl>
<p style="margin:0 0 12px 0;">Welcome to ${siteName}! Every digest holds what our editors picked since the one before, in the categories you follow, at the hour you chose.</p>
<#if latestEditionUrl??>
<p style="margin:0 0 12px 0;">While you wait for your first one, <a href="${latestEditionUrl}" class="pd-link" style="color:${palette.link};">read the latest edition</a> or browse <a href="${archiveUrl}" class="pd-link" style="color:${palette.link};">past editions</a>.</p>
</#if>
<p style="margin:0;">Change categories, time or format, pause, or <a href="${unsubscribeUrl}" class="pd-link" style="color:${palette.link};">unsubscribe</a> at any time.</p>
</@layout.mail>
