<#ftl output_format="HTML" strip_whitespace=true>
<#--
  Model: siteName, siteUrl, email, action ("subscribe", "resubscribe" or "email"), confirmUrl, validDays. Every
  ${...} is HTML-escaped. No recipientName: the address is not confirmed yet, so the mail holds nothing its
  requester typed but the address itself.
  Paragraphs keep their margins in style attributes: Outlook for Windows has its own and Gmail may drop <style>.
-->
<#import "notice-layout.html.ftl" as layout>
<#if action == "email">
<@layout.mail title="Confirm your new address" buttonText="Use this address" buttonUrl=confirmUrl>
<p style="margin:0 0 12px 0;">Please confirm that ${siteName} digests should come to <strong>${email}</strong> from now on.</p>
<p style="margin:0;">If you did not ask for this, ignore this e-mail: nothing changes. The link works once, for ${validDays} days.</p>
</@layout.mail>
<#else>
<@layout.mail title="Confirm your subscription" buttonText=(action == "resubscribe")?then("Resubscribe", "Confirm my subscription") buttonUrl=confirmUrl>
<p style="margin:0 0 12px 0;"><#if action == "resubscribe">Someone, hopefully you, asked to receive ${siteName} again at <strong>${email}</strong>.<#else>Someone, hopefully you, signed <strong>${email}</strong> up for ${siteName}.</#if> Please confirm to start getting digests.</p>
<p style="margin:0;">If it wasn't you, ignore this e-mail: you will get nothing more from us. The link works once, for ${validDays} days.</p>
</@layout.mail>
</#if>
