<#ftl output_format="HTML" strip_whitespace=true>
<#-- Model: email, reason, maxReason, preferencesUrl, error (optional). The form posts to this same URL. -->
<#import "layout.html.ftl" as layout>
<@layout.page title="Unsubscribe">
<h1>Unsubscribe <span class="addr">${email}</span> from ${siteName}?</h1>
<#if error??><p class="notice error" role="alert">${error}</p></#if>
<p>You will get no more digests at this address.</p>
<form method="post">
<label for="reason">Why are you leaving? <span class="muted">(optional)</span></label>
<input type="text" id="reason" name="reason" maxlength="${maxReason?c}" value="${reason}">
<button type="submit" class="danger">Unsubscribe</button>
</form>
<p class="muted footnote">Too many e-mails? You can <a href="${preferencesUrl}">get a weekly digest or fewer categories</a> instead.</p>
</@layout.page>
