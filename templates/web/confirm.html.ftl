<#ftl output_format="HTML" strip_whitespace=true>
<#-- Model: action ("subscribe", "resubscribe" or "email"), email (the address being confirmed), csrf. Posts to this same URL. -->
<#import "layout.html.ftl" as layout>
<@layout.page title="Confirm">
<#if action == "email">
<h1>Use <span class="addr">${email}</span> for ${siteName}?</h1>
<p>Digests come to this address from the next one on. Links in e-mails sent to the old address stop working.</p>
<#elseif action == "resubscribe">
<h1>Resubscribe <span class="addr">${email}</span> to ${siteName}?</h1>
<p>Digests start again with your earlier preferences, which you can change at once.</p>
<#else>
<h1>Subscribe <span class="addr">${email}</span> to ${siteName}?</h1>
<p>One press and your first digest arrives at the hour you chose.</p>
</#if>
<form method="post">
<input type="hidden" name="csrf" value="${csrf}">
<button type="submit">Confirm</button>
</form>
</@layout.page>
