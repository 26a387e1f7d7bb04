<#ftl output_format="HTML" strip_whitespace=true>
<#-- Model: AccountPages.EditorsView: editors (EditorRow: id, email, name, role, self, error?),
  v (EditorForm: email, name, role as typed), addError (optional). -->
<#import "layout.html.ftl" as layout>
<@layout.page title="Editors">
<h1>Editors</h1>
<form method="post" action="${base}/admin/editors" class="card">
<@layout.csrfField/>
<h2 class="card-title">Add an editor</h2>
<#if addError??><p class="notice error" role="alert">${addError} Nothing was saved.</p></#if>
<div class="row">
<div><label for="email">E-mail address</label><input type="email" id="email" name="email" value="${v.email}" maxlength="254" autocomplete="off"></div>
<div><label for="name">Name</label><input type="text" id="name" name="name" value="${v.name}" maxlength="200"></div>
<div><label for="password">Password <span class="muted">(10+ characters)</span></label><input type="password" id="password" name="password" autocomplete="new-password" maxlength="200"></div>
<div><label for="role">Role</label><select id="role" name="role"><option value="editor"<#if v.role != "admin"> selected</#if>>editor</option><option value="admin"<#if v.role == "admin"> selected</#if>>admin</option></select></div>
<div class="fit"><button type="submit">Add</button></div>
</div>
</form>
<div class="table-scroll">
<table id="editors">
<thead><tr><th>Editor</th><th>Role</th><th>Set a password</th><th>Remove</th></tr></thead>
<tbody>
<#list editors as e>
<tr>
<td>${e.email}<div class="muted">${e.name}</div><#if e.error??><p class="field-error" role="alert">${e.error}</p></#if></td>
<td><form method="post" action="${base}/admin/editors/${e.id?c}" class="row tight"><@layout.csrfField/><input type="hidden" name="action" value="role">
<select name="role" aria-label="Role of ${e.email}"><option value="editor"<#if e.role == "editor"> selected</#if>>editor</option><option value="admin"<#if e.role == "admin"> selected</#if>>admin</option></select>
<button type="submit" class="secondary fit">Change</button></form></td>
<td><form method="post" action="${base}/admin/editors/${e.id?c}" class="row tight"><@layout.csrfField/><input type="hidden" name="action" value="password">
<input type="password" name="password" aria-label="New password for ${e.email}" autocomplete="new-password" maxlength="200">
<button type="submit" class="secondary fit">Set</button></form></td>
<td><#if !e.self><form method="post" action="${base}/admin/editors/${e.id?c}" class="inline"><@layout.csrfField/><input type="hidden" name="action" value="remove"><button type="submit" class="link">Remove</button></form></#if></td>
</tr>
</#list>
</tbody>
</table>
</div>
</@layout.page>
