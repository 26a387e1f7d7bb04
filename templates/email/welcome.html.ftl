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
<@layout.mail title=t("welcome.title", siteName) buttonText=t("notice.preferences") buttonUrl=preferencesUrl>
<p style="margin:0 0 12px 0;">${t("welcome.body", siteName)}</p>
<#if latestEditionUrl??>
<p style="margin:0 0 12px 0;">${t.html("welcome.meanwhile", '<a href="'?no_esc + latestEditionUrl + '" class="pd-link" style="color:'?no_esc + palette.link + ';">'?no_esc + t("welcome.latest") + "</a>"?no_esc, '<a href="'?no_esc + archiveUrl + '" class="pd-link" style="color:'?no_esc + palette.link + ';">'?no_esc + t("welcome.past") + "</a>"?no_esc)}</p>
</#if>
<p style="margin:0;">${t.html("notice.anyTime", '<a href="'?no_esc + unsubscribeUrl + '" class="pd-link" style="color:'?no_esc + palette.link + ';">'?no_esc + t("notice.unsubscribeLink") + "</a>"?no_esc)}</p>
</@layout.mail>
