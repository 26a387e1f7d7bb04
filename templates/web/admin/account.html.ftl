<#ftl output_format="HTML" strip_whitespace=true>
<#-- Model: AccountPages.AccountView: error (optional). -->
<#import "layout.html.ftl" as layout>
<@layout.page title="Your account">
<h1>Your account</h1>
<form method="post" action="${base}/admin/account" class="card w-md">
<@layout.csrfField/>
<#if error??><p class="notice error" role="alert">${error} Nothing was changed.</p></#if>
<p>Signed in as <strong>${me.email}</strong>.</p>
<label for="current">Current password</label><input type="password" id="current" name="current" autocomplete="current-password" maxlength="200">
<label for="password">New password <span class="muted">(10+ characters)</span></label><input type="password" id="password" name="password" autocomplete="new-password" maxlength="200">
<div class="actions"><button type="submit">Change password</button><span class="muted">You will sign in again everywhere.</span></div>
</form>
</@layout.page>
