<#ftl output_format="plainText">
<#-- Model: as confirm.html.ftl. Nothing is escaped in plain text. -->
Hi,

<#if action == "email">
Please confirm that ${siteName} digests should come to ${email} from now on:

${confirmUrl}

If you did not ask for this, ignore this e-mail: nothing changes.
<#else>
<#if action == "resubscribe">Someone, hopefully you, asked to receive ${siteName} again at ${email}.<#else>Someone, hopefully you, signed ${email} up for ${siteName}.</#if>
Please confirm to start getting digests:

${confirmUrl}

If it wasn't you, ignore this e-mail: you will get nothing more from us.
</#if>
The link works once, for ${validDays} days.

--
${siteName}, ${siteUrl}
