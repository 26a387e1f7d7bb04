<#ftl output_format="HTML" strip_whitespace=true>
<#--
  The frame of the self-service e-mails (confirm, manage): one card with a greeting, the nested text and a button.
  Tables and inline styles for Outlook and Gmail, colours as in the digest (text #1f2328, muted #57606a, link #0b5cad).
  Every model has siteName, siteUrl, email and, for a confirmed address whose subscriber gave one, recipientName.
-->
<#macro mail title buttonText buttonUrl>
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="supported-color-schemes" content="light dark">
<title>${title}</title>
</head>
<body style="margin:0;padding:0;width:100%;background-color:#f2f3f5;-webkit-text-size-adjust:100%;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;background-color:#f2f3f5;">
<tr>
<td align="center" style="padding:24px 8px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:560px;margin:0 auto;font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;">
<tr>
<td style="padding:0 12px 16px 12px;">
<a href="${siteUrl}" style="font-size:22px;line-height:28px;font-weight:bold;color:#1f2328;text-decoration:none;">${siteName}</a>
</td>
</tr>
<tr>
<td style="background-color:#ffffff;border:1px solid #e1e4e8;border-radius:8px;padding:24px 20px;font-size:16px;line-height:24px;color:#1f2328;">
<p style="margin:0 0 12px 0;">Hi<#if recipientName??> ${recipientName}</#if>,</p>
<#nested>
<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:20px 0;">
<tr>
<td style="border-radius:6px;background-color:#0b5cad;">
<a href="${buttonUrl}" style="display:inline-block;padding:12px 20px;font-size:16px;font-weight:bold;color:#ffffff;text-decoration:none;border-radius:6px;">${buttonText}</a>
</td>
</tr>
</table>
<p style="margin:0;font-size:14px;line-height:20px;color:#57606a;word-break:break-all;">Or open this link: <a href="${buttonUrl}" style="color:#0b5cad;">${buttonUrl}</a></p>
</td>
</tr>
<tr>
<td align="center" style="padding:20px 12px;font-size:13px;line-height:20px;color:#57606a;text-align:center;">
This e-mail went to ${email} because someone asked for it at <a href="${siteUrl}" style="color:#57606a;">${siteUrl?replace(r"^https?://", "", "r")}</a>.
</td>
</tr>
</table>
</td>
</tr>
</table>
</body>
</html>
</#macro>
