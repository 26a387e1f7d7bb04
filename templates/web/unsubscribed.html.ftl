<#ftl output_format="HTML" strip_whitespace=true>
<#-- Model: email, resubscribeUrl, csrf. Shown after any unsubscribe POST, including one-click and repeats. -->
<#import "layout.html.ftl" as layout>
<@layout.page title="Unsubscribed">
<h1>You are unsubscribed</h1>
<p><span class="addr">${email}</span> will get no more digests from ${siteName}.</p>
<p class="muted">A digest already on its way may still arrive in the next few minutes.</p>
<form method="post" action="${resubscribeUrl}">
<input type="hidden" name="csrf" value="${csrf}">
<p>Changed your mind? We send a link to confirm.</p>
<button type="submit">Resubscribe</button>
</form>
</@layout.page>
