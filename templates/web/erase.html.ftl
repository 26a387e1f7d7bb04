<#ftl output_format="HTML" strip_whitespace=true>
<#-- Model: email, csrf, exportUrl, preferencesUrl. Posts to this same URL. -->
<#import "layout.html.ftl" as layout>
<@layout.page title="Erase your data">
<h1>Erase everything about <span class="addr">${email}</span>?</h1>
<p>This deletes your subscription, your preferences, the record of every digest we sent you and its history, at once
and for good. We keep only a one-way fingerprint of the address, so that it is never added to the list again without
you.</p>
<p>You may want to <a href="${exportUrl}">download your data</a> first.</p>
<form method="post">
<input type="hidden" name="csrf" value="${csrf}">
<button type="submit" class="danger">Erase my data</button>
</form>
<p class="muted footnote"><a href="${preferencesUrl}">Back to your preferences</a></p>
</@layout.page>
