<#ftl output_format="HTML" strip_whitespace=true>
<#-- Model: keys (id, name, prefix, scopes, createdBy, created, lastUsed, revoked), scopes (all), name, chosen,
     errors (field to message), secret (only right after a key was made). -->
<#import "layout.html.ftl" as layout>
<@layout.page title="API keys">
<h1>API keys</h1>
<#if secret??>
<div class="card" role="status">
<p><strong>New key "${newName}".</strong> Copy it now: it is shown only this once and cannot be shown again.</p>
<p><code id="new-key">${secret}</code></p>
<p class="hint">Send it as <code>Authorization: Bearer &lt;key&gt;</code> to <code>${base}/api/v1/...</code>.</p>
</div>
</#if>
<form method="post" action="${base}/admin/api-keys" class="card">
<@layout.csrfField/>
<div><label for="name">Name</label>
<input type="text" id="name" name="name" value="${name}" maxlength="100"<#if errors.name??> class="invalid" aria-invalid="true" aria-describedby="name-error"</#if>>
<#if errors.name??><p class="field-error" id="name-error" role="alert">${errors.name}</p></#if></div>
<fieldset><legend>Scopes</legend>
<#list scopes as s><label><input type="checkbox" name="scopes" value="${s}"<#if chosen?seq_contains(s)> checked</#if>> ${s}</label> </#list>
<#if errors.scopes??><p class="field-error" id="scopes-error" role="alert">${errors.scopes}</p></#if>
</fieldset>
<button type="submit">Create key</button>
</form>
<div class="table-scroll">
<table id="api-keys">
<thead><tr><th>Name</th><th>Key</th><th>Scopes</th><th>Created</th><th>Last used</th><th></th></tr></thead>
<tbody>
<#list keys as k>
<tr>
<td>${k.name}</td>
<td><code>${k.prefix}…</code></td>
<td>${k.scopes}</td>
<td>${k.created} by ${k.createdBy}</td>
<td>${k.lastUsed}</td>
<td><#if k.revoked?has_content>revoked ${k.revoked}<#else>
<form method="post" action="${base}/admin/api-keys/${k.id?c}/revoke" class="inline"><@layout.csrfField/><button type="submit" class="secondary">Revoke</button></form>
</#if></td>
</tr>
</#list>
</tbody>
</table>
</div>
</@layout.page>
