<#ftl output_format="HTML" strip_whitespace=true>
<#--
  The frame of the self-service e-mails (confirm, manage): one card with a greeting, the nested text and a button.
  Every model has siteName, siteUrl, email and, for a confirmed address whose subscriber gave one, recipientName.
  Tables and style attributes for the same reasons as in digest.html.ftl (Gmail drops <body> and, for other accounts,
  <style>; Outlook for Windows ignores much of it): the background on <body> and on the outer table, sizes, spacing,
  font and light colours on each element, the button's colour on its cell (Outlook for Windows ignores padding and
  background on a link). Colours and the dark scheme come from palette.html.ftl; the nested text's paragraphs carry
  their own margins for the same reasons.
-->
<#import "palette.html.ftl" as palette>
<#macro mail title buttonText buttonUrl>
<!DOCTYPE html>
<html lang="${t.lang}" dir="${t.dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="supported-color-schemes" content="light dark">
<title>${title}</title>
<@palette.darkMode/>
</head>
<body class="pd-bg" dir="${t.dir}" style="margin:0;padding:0;width:100%;background-color:${palette.background};-webkit-text-size-adjust:100%;">
<table role="presentation" class="pd-bg" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;background-color:${palette.background};">
<tr>
<td align="center" style="padding:24px 8px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:560px;margin:0 auto;font-family:${palette.font};">
<tr>
<td style="padding:0 12px 16px 12px;text-align:start;">
<a href="${siteUrl}" class="pd-text" style="font-size:22px;line-height:28px;font-weight:bold;color:${palette.text};text-decoration:none;">${siteName}</a>
</td>
</tr>
<tr>
<td class="pd-card pd-text" style="background-color:${palette.card};border:1px solid ${palette.rule};border-radius:8px;padding:24px 20px;font-size:16px;line-height:24px;color:${palette.text};text-align:start;">
<p style="margin:0 0 12px 0;"><#if recipientName??>${t("digest.greeting", recipientName)}<#else>${t("notice.hello")}</#if></p>
<#nested>
<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:20px 0;">
<tr>
<td style="border-radius:6px;background-color:${palette.button};">
<a href="${buttonUrl}" style="display:inline-block;padding:12px 20px;font-size:16px;font-weight:bold;color:${palette.buttonText};text-decoration:none;border-radius:6px;">${buttonText}</a>
</td>
</tr>
</table>
<p class="pd-muted" style="margin:0;font-size:14px;line-height:20px;color:${palette.muted};word-break:break-all;">${t("notice.orOpen")} <a href="${buttonUrl}" class="pd-link" style="color:${palette.link};">${buttonUrl}</a></p>
</td>
</tr>
<tr>
<td class="pd-muted" align="center" style="padding:20px 12px;font-size:13px;line-height:20px;color:${palette.muted};text-align:center;">
${t.html("notice.why", email, '<a href="'?no_esc + siteUrl + '" class="pd-muted" style="color:'?no_esc + palette.muted + ';">'?no_esc + siteUrl?replace(r"^https?://", "", "r") + "</a>"?no_esc)}
</td>
</tr>
</table>
</td>
</tr>
</table>
</body>
</html>
</#macro>
