<#ftl output_format="plainText">
<#-- Model: as welcome.html.ftl. Nothing is escaped in plain text. -->
Hi<#if recipientName??> ${recipientName}</#if>,

Welcome to ${siteName}! Every digest holds what our editors picked since
the one before, in the categories you follow, at the hour you chose.
<#if latestEditionUrl??>

While you wait for your first one, read the latest edition:
${latestEditionUrl}
Past editions: ${archiveUrl}
</#if>

Manage your preferences: ${preferencesUrl}
Unsubscribe: ${unsubscribeUrl}

--
${siteName}, ${siteUrl}
