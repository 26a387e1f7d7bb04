<#ftl output_format="HTML" strip_whitespace=true>
<#--
  Model: com.picksdigest.digest.DigestModel (its components are top-level names here). Every ${...} is HTML-escaped.
  Tables and inline styles because Outlook (Word engine) and Gmail ignore or strip much of CSS; the <style> block
  only adds dark-mode overrides, and clients that drop it show the light design.
  Colours: light text #1f2328, muted #57606a, link #0b5cad, label #0a7c66 (all >= 4.5:1 on white).
-->
<#-- Feed-supplied URLs are escaped but escaping does not stop a javascript: URL: only http(s) become links. -->
<#function isHttp url>
  <#return url?matches(r"https?://\S+", "i")>
</#function>
<!DOCTYPE html>
<html lang="en" xmlns="http://www.w3.org/1999/xhtml" xmlns:o="urn:schemas-microsoft-com:office:office">
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
<style>
:root { color-scheme: light dark; supported-color-schemes: light dark; }
@media (prefers-color-scheme: dark) {
  .pd-bg { background-color: #0d1117 !important; }
  .pd-card { background-color: #161b22 !important; border-color: #30363d !important; }
  .pd-rule { border-color: #30363d !important; }
  .pd-text { color: #e6edf3 !important; }
  .pd-muted { color: #9da7b3 !important; }
  .pd-link { color: #6cb6ff !important; }
  .pd-label { color: #3fb9a0 !important; }
}
</style>
</head>
<body class="pd-bg" style="margin:0;padding:0;width:100%;background-color:#f2f3f5;-webkit-text-size-adjust:100%;-ms-text-size-adjust:100%;">
<#-- The filler keeps inboxes from appending the body's first words to the preview line. -->
<div style="display:none;font-size:1px;line-height:1px;max-height:0;max-width:0;opacity:0;overflow:hidden;mso-hide:all;">${preheader}<#list 1..60 as i>&#847;&zwnj;&nbsp;</#list></div>
<table role="presentation" class="pd-bg" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;background-color:#f2f3f5;">
<tr>
<td align="center" style="padding:24px 8px;">
<!--[if mso]><table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" align="center"><tr><td><![endif]-->
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;margin:0 auto;font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;">
<tr>
<td style="padding:0 12px 16px 12px;">
<a href="${siteUrl}" class="pd-text" style="font-size:24px;line-height:30px;font-weight:bold;color:#1f2328;text-decoration:none;">${siteName}</a>
<div class="pd-muted" style="font-size:14px;line-height:20px;color:#57606a;">${editionDate}</div>
</td>
</tr>
<tr>
<td>
<table role="presentation" class="pd-card" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;background-color:#ffffff;border:1px solid #e1e4e8;border-radius:8px;">
<tr>
<td class="pd-text" style="padding:24px 20px 4px 20px;font-size:16px;line-height:24px;color:#1f2328;">
<#if recipientName??>
<p style="margin:0 0 8px 0;">Hi ${recipientName},</p>
</#if>
<p style="margin:0;">Here is what our editors picked since your last digest.</p>
</td>
</tr>
<#list picks as pick>
<tr>
<td class="pd-rule" style="padding:20px;word-wrap:break-word;overflow-wrap:anywhere;<#if !pick?is_first>border-top:1px solid #e1e4e8;</#if>">
<#if isHttp(pick.imageUrl!"")>
<#if isHttp(pick.url)><a href="${pick.url}"></#if><img src="${pick.imageUrl}" width="558" alt="${pick.title}" style="display:block;width:100%;max-width:558px;height:auto;border:0;border-radius:6px;margin:0 0 12px 0;font-size:14px;"><#if isHttp(pick.url)></a></#if>
</#if>
<div class="pd-label" style="font-size:14px;line-height:20px;font-weight:bold;letter-spacing:1px;text-transform:uppercase;color:#0a7c66;">${pick.category}</div>
<h2 style="margin:4px 0 6px 0;font-size:20px;line-height:26px;font-weight:bold;">
<#if isHttp(pick.url)>
<a href="${pick.url}" class="pd-link" style="color:#0b5cad;text-decoration:none;">${pick.title}</a>
<#else>
<span class="pd-text" style="color:#1f2328;">${pick.title}</span>
</#if>
</h2>
<div class="pd-muted" style="font-size:14px;line-height:20px;color:#57606a;">
<#if pick.sourceName??>
<#if isHttp(pick.sourceUrl!"")><a href="${pick.sourceUrl}" class="pd-muted" style="color:#57606a;text-decoration:underline;">${pick.sourceName}</a><#else>${pick.sourceName}</#if> &middot;
</#if>
${pick.published}
</div>
<#if pick.summary?has_content>
<p class="pd-text" style="margin:10px 0 0 0;font-size:16px;line-height:24px;color:#1f2328;">${pick.summary}</p>
</#if>
</td>
</tr>
</#list>
</table>
</td>
</tr>
<tr>
<td class="pd-muted" align="center" style="padding:20px 12px 8px 12px;font-size:14px;line-height:22px;color:#57606a;text-align:center;">
<a href="${archiveUrl}" class="pd-muted" style="color:#57606a;text-decoration:underline;">View in browser</a> &middot;
<a href="${preferencesUrl}" class="pd-muted" style="color:#57606a;text-decoration:underline;">Manage preferences</a> &middot;
<a href="${unsubscribeUrl}" class="pd-muted" style="color:#57606a;text-decoration:underline;">Unsubscribe</a>
</td>
</tr>
<tr>
<td class="pd-muted" align="center" style="padding:0 12px 24px 12px;font-size:14px;line-height:22px;color:#57606a;text-align:center;">
You are receiving this e-mail because you subscribed to ${siteName} at <a href="${siteUrl}" class="pd-muted" style="color:#57606a;text-decoration:underline;">${siteUrl?replace(r"^https?://", "", "r")}</a>.
</td>
</tr>
</table>
<!--[if mso]></td></tr></table><![endif]-->
</td>
</tr>
</table>
</body>
</html>
