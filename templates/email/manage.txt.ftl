<#ftl output_format="plainText">
<#-- Model: as manage.html.ftl. Nothing is escaped in plain text. -->
<#if recipientName??>${t("digest.greeting", recipientName)}<#else>${t("notice.hello")}</#if>

<#if reason == "already_subscribed">
${t("manage.already", siteName, email)}
<#else>
${t("manage.newLinks", siteName)}
</#if>

${t("notice.preferences")}: ${preferencesUrl}
${t("digest.unsubscribe")}: ${unsubscribeUrl}

--
${siteName}, ${siteUrl}
