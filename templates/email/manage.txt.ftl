<#ftl output_format="plainText">
<#-- Model: as manage.html.ftl. Nothing is escaped in plain text. -->
Hi<#if recipientName??> ${recipientName}</#if>,

<#if reason == "already_subscribed">
Someone, hopefully you, tried to subscribe ${email} to ${siteName}.
This address is already subscribed, so nothing changed.
<#else>
You signed out all your ${siteName} links: the ones in earlier e-mails
no longer work. Here are your new ones.
</#if>

Manage your preferences: ${preferencesUrl}
Unsubscribe: ${unsubscribeUrl}

--
${siteName}, ${siteUrl}
