<#ftl output_format="HTML" strip_whitespace=true>
<#--
  Model: email, scriptUrl, guessTimezone (true while the time zone is the untouched default: the script may then set
  the browser's), error (optional), and the fields of subscription-form.html.ftl (choices, weekdays). The form posts to this same URL. Without JavaScript everything works; the
  time zone stays UTC unless typed.
-->
<#import "layout.html.ftl" as layout>
<#import "subscription-form.html.ftl" as subscription>
<@layout.page title=t("page.subscribe")>
<h1>${t.html("subscribe.heading", "<bdi>"?no_esc + siteName + "</bdi>"?no_esc)}</h1>
<p>${t("subscribe.lead")}</p>
<#if error??><p class="notice error" role="alert">${error} ${t("form.nothingSaved")}</p></#if>
<@subscription.form submitLabel=t("page.subscribe") guessTimezone=guessTimezone>
<label for="email">${t("form.email")}</label>
<input type="email" dir="ltr" id="email" name="email" maxlength="254" value="${email}" autocomplete="email" required>
</@subscription.form>
<script src="${scriptUrl}"></script>
</@layout.page>
