<#ftl output_format="HTML" strip_whitespace=true>
<#-- Model: email, next, loginCsrf, error (optional). -->
<#import "layout.html.ftl" as layout>
<@layout.page title="Sign in">
<div class="card w-sm signin">
<h1>Sign in</h1>
<#if error??><p class="notice error" role="alert">${error}</p></#if>
<form method="post" action="${base}/admin/login">
<input type="hidden" name="csrf" value="${loginCsrf}">
<input type="hidden" name="next" value="${next}">
<label for="email">E-mail address</label>
<input type="email" id="email" name="email" value="${email}" autocomplete="username" required maxlength="254">
<label for="password">Password</label>
<input type="password" id="password" name="password" autocomplete="current-password" required maxlength="200">
<div class="actions"><button type="submit">Sign in</button></div>
</form>
</div>
</@layout.page>
