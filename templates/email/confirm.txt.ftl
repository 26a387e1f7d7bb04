<#ftl output_format="plainText">
<#-- Model: as confirm.html.ftl. Nothing is escaped in plain text. -->
${t("notice.hello")}

<#if action == "email">
${t("confirm.email.body", siteName, email)}

${confirmUrl}

${t("confirm.email.ignore")}
<#else>
<#if action == "resubscribe">${t("confirm.resubscribe.body", siteName, email)}<#else>${t("confirm.subscribe.body", siteName, email)}</#if>
${t("confirm.subscribe.please")}

${confirmUrl}

${t("confirm.subscribe.ignore")}
</#if>
${t("confirm.validity", validDays)}

--
${siteName}, ${siteUrl}
