<#ftl output_format="plainText">
<#-- Model: as welcome.html.ftl. Nothing is escaped in plain text. -->
<#if recipientName??>${t("digest.greeting", recipientName)}<#else>${t("notice.hello")}</#if>

${t("welcome.body", siteName)}
<#if latestEditionUrl??>

${t("welcome.latestText")}:
${latestEditionUrl}
${t("welcome.pastText")}: ${archiveUrl}
</#if>

${t("notice.preferences")}: ${preferencesUrl}
${t("digest.unsubscribe")}: ${unsubscribeUrl}

--
${siteName}, ${siteUrl}
