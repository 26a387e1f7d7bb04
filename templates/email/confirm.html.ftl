<#ftl output_format="HTML" strip_whitespace=true>
<#--
  Model: siteName, siteUrl, email, action ("subscribe", "resubscribe" or "email"), confirmUrl, validDays. Every
  ${...} is HTML-escaped. No recipientName: the address is not confirmed yet, so the mail holds nothing its
  requester typed but the address itself.
  Paragraphs keep their margins in style attributes: Outlook for Windows has its own and Gmail may drop <style>.
-->
<#import "notice-layout.html.ftl" as layout>
<#if action == "email">
<@layout.mail title=t("confirm.email.title") buttonText=t("confirm.email.button") buttonUrl=confirmUrl>
<p style="margin:0 0 12px 0;">${t.html("confirm.email.body", "<span dir=\"auto\">"?no_esc + siteName + "</span>"?no_esc, "<strong dir=\"ltr\">"?no_esc + email + "</strong>"?no_esc)}</p>
<p style="margin:0;">${t("confirm.email.ignore")} ${t("confirm.validity", validDays)}</p>
</@layout.mail>
<#else>
<@layout.mail title=t("confirm.subscribe.title") buttonText=(action == "resubscribe")?then(t("confirm.resubscribe.button"), t("confirm.subscribe.button")) buttonUrl=confirmUrl>
<p style="margin:0 0 12px 0;"><#if action == "resubscribe">${t.html("confirm.resubscribe.body", "<span dir=\"auto\">"?no_esc + siteName + "</span>"?no_esc, "<strong dir=\"ltr\">"?no_esc + email + "</strong>"?no_esc)}<#else>${t.html("confirm.subscribe.body", "<span dir=\"auto\">"?no_esc + siteName + "</span>"?no_esc, "<strong dir=\"ltr\">"?no_esc + email + "</strong>"?no_esc)}</#if> ${t("confirm.subscribe.please")}</p>
<p style="margin:0;">${t("confirm.subscribe.ignore")} ${t("confirm.validity", validDays)}</p>
</@layout.mail>
</#if>
