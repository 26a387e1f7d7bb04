<#ftl output_format="HTML" strip_whitespace=true>
<#--
  Model: com.picksdigest.digest.DigestModel (its components are top-level names here). Every ${...} is HTML-escaped.

  Print recipientName, unsubscribeUrl and preferencesUrl exactly as they are: ${recipientName}, ${unsubscribeUrl},
  ${preferencesUrl}, with no built-in (?upper_case, ?cap_first, ?truncate, ?length, ?url, ?replace...) and no test of
  their value other than recipientName?? (present or not). They are the per-subscriber values: an edition renders each
  distinct digest once, with placeholders in their place, and puts every reader's name and link token into the
  encoded message afterwards, so a built-in would change the placeholder, not the reader's value, and readers would
  get a wrong name or a broken link. The check at start renders this template with two different readers and refuses
  to start when the result is not the same as rendering for each of them. Everything else may be transformed freely.

  Tables and style attributes because Outlook (Word engine) and Gmail ignore or strip much of CSS: colours and font
  come from palette.html.ftl, whose <style> block only adds the dark scheme (clients that drop it show the light one).
-->
<#import "palette.html.ftl" as palette>
<#-- The model's pick.url, sourceUrl and imageUrl are http(s) URLs or absent (escaping does not stop a javascript:
  URL, so the model refuses every other kind): test them with ??. -->
<!DOCTYPE html>
<html lang="${t.lang}" dir="${t.dir}" xmlns="http://www.w3.org/1999/xhtml" xmlns:o="urn:schemas-microsoft-com:office:office">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="x-apple-disable-message-reformatting">
<meta name="format-detection" content="telephone=no, date=no, address=no, email=no, url=no">
<meta name="color-scheme" content="light dark">
<meta name="supported-color-schemes" content="light dark">
<title>${subject}</title>
<!--[if mso]><noscript><xml><o:OfficeDocumentSettings><o:PixelsPerInch>96</o:PixelsPerInch></o:OfficeDocumentSettings></xml></noscript><![endif]-->
<@palette.darkMode/>
</head>
<#-- Style attributes, by group, each because mail clients need it there:
  - the background on <body> and again on the outer table: Gmail drops <body> and its style;
  - the preheader's hiding: a client that drops <style> would show it above the masthead;
  - sizes, spacing (paragraph margins too: Outlook for Windows has its own), font and light colours: Gmail for other
    accounts, Yahoo and Outlook for Windows ignore or drop <style>; the pd-* classes only switch colours in the dark;
  - the image's display:block (no gap under it) and width attribute (what Outlook for Windows sizes it by). -->
<body class="pd-bg" dir="${t.dir}" style="margin:0;padding:0;width:100%;background-color:${palette.background};-webkit-text-size-adjust:100%;-ms-text-size-adjust:100%;">
<#-- The filler keeps inboxes from appending the body's first words to the preview line. -->
<div style="display:none;font-size:1px;line-height:1px;max-height:0;max-width:0;opacity:0;overflow:hidden;mso-hide:all;">${preheader}<#list 1..60 as i>&#847;&zwnj;&nbsp;</#list></div>
<table role="presentation" class="pd-bg" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;background-color:${palette.background};">
<tr>
<td align="center" style="padding:24px 8px;">
<!--[if mso]><table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" align="center"><tr><td><![endif]-->
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;margin:0 auto;font-family:${palette.font};">
<tr>
<td style="padding:0 12px 16px 12px;text-align:start;">
<a href="${siteUrl}" class="pd-text" style="font-size:24px;line-height:30px;font-weight:bold;color:${palette.text};text-decoration:none;">${siteName}</a>
<div class="pd-muted" style="font-size:14px;line-height:20px;color:${palette.muted};">${editionDate} &middot; ${t("digest.count", picks?size)}</div>
</td>
</tr>
<tr>
<td>
<table role="presentation" class="pd-card" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;background-color:${palette.card};border:1px solid ${palette.rule};border-radius:8px;">
<tr>
<td class="pd-text" style="padding:24px 20px 4px 20px;font-size:16px;line-height:24px;color:${palette.text};text-align:start;">
<#if recipientName??>
<p style="margin:0 0 8px 0;">${t("digest.greeting", recipientName)}</p>
</#if>
<p style="margin:0;">${t("digest.intro")}</p>
<#-- The editor's note: safe HTML rendered from Markdown (raw HTML escaped, links only http(s) and mailto). -->
<#if note??>
<div class="pd-rule" dir="auto" style="margin:16px 0 0 0;padding:4px 0 0 0;border-top:1px solid ${palette.rule};">${note.html?no_esc}</div>
</#if>
</td>
</tr>
<#list picks as pick>
<tr>
<td class="pd-rule" style="padding:20px;text-align:start;word-wrap:break-word;overflow-wrap:anywhere;<#if !pick?is_first>border-top:1px solid ${palette.rule};</#if>">
<#if pick.imageUrl??>
<#if pick.url??><a href="${pick.url}"></#if><img src="${pick.imageUrl}" width="558" alt="${pick.title}" style="display:block;width:100%;max-width:558px;height:auto;border:0;border-radius:6px;margin:0 0 12px 0;font-size:14px;"><#if pick.url??></a></#if>
</#if>
<div class="pd-label" dir="auto" style="font-size:14px;line-height:20px;font-weight:bold;letter-spacing:1px;text-transform:uppercase;color:${palette.label};">${pick.category}</div>
<h2 dir="auto" style="margin:4px 0 6px 0;font-size:20px;line-height:26px;font-weight:bold;">
<#if pick.url??>
<a href="${pick.url}" class="pd-link" style="color:${palette.link};text-decoration:none;">${pick.title}</a>
<#else>
<span class="pd-text" style="color:${palette.text};">${pick.title}</span>
</#if>
</h2>
<div class="pd-muted" style="font-size:14px;line-height:20px;color:${palette.muted};">
<#if pick.sourceName??>
<bdi><#if pick.sourceUrl??><a href="${pick.sourceUrl}" class="pd-muted" style="color:${palette.muted};text-decoration:underline;">${pick.sourceName}</a><#else>${pick.sourceName}</#if></bdi> &middot;
</#if>
${pick.published}
</div>
<#if pick.summary?has_content>
<p class="pd-text" dir="auto" style="margin:10px 0 0 0;font-size:16px;line-height:24px;color:${palette.text};">${pick.summary}</p>
</#if>
</td>
</tr>
</#list>
</table>
</td>
</tr>
<tr>
<td class="pd-muted" align="center" style="padding:20px 12px 8px 12px;font-size:14px;line-height:22px;color:${palette.muted};text-align:center;">
<a href="${archiveUrl}" class="pd-muted" style="color:${palette.muted};text-decoration:underline;">${t("digest.viewInBrowser")}</a> &middot;
<a href="${preferencesUrl}" class="pd-muted" style="color:${palette.muted};text-decoration:underline;">${t("digest.preferences")}</a> &middot;
<a href="${unsubscribeUrl}" class="pd-muted" style="color:${palette.muted};text-decoration:underline;">${t("digest.unsubscribe")}</a>
</td>
</tr>
<tr>
<td class="pd-muted" align="center" style="padding:0 12px 8px 12px;font-size:14px;line-height:22px;color:${palette.muted};text-align:center;">
${t("digest.forwarded")} <a href="${subscribeUrl}" class="pd-muted" style="color:${palette.muted};text-decoration:underline;">${t("digest.subscribe")}</a>
</td>
</tr>
<tr>
<td class="pd-muted" align="center" style="padding:0 12px 24px 12px;font-size:14px;line-height:22px;color:${palette.muted};text-align:center;">
${t.html("digest.why", "<span dir=\"auto\">"?no_esc + siteName + "</span>"?no_esc, '<a href="'?no_esc + siteUrl + '" class="pd-muted" style="color:'?no_esc + palette.muted + ';text-decoration:underline;">'?no_esc + siteUrl?replace(r"^https?://", "", "r") + "</a>"?no_esc)}
<#if postalAddress??>
<div class="pd-muted" style="margin:8px 0 0 0;color:${palette.muted};">${siteName} &middot; ${postalAddress}</div>
</#if>
</td>
</tr>
</table>
<!--[if mso]></td></tr></table><![endif]-->
</td>
</tr>
</table>
</body>
</html>
