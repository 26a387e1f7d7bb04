<#ftl output_format="HTML" strip_whitespace=true>
<#-- Model (CategoryPages.View): categories (CategoryRow: id, name, slug, retired, picks, followers, error?), newName, newError (optional). -->
<#import "layout.html.ftl" as layout>
<@layout.page title="Categories">
<h1>Categories</h1>
<form method="post" action="${base}/admin/categories" class="card">
<@layout.csrfField/>
<div class="row">
<div><label for="name">New category</label>
<input type="text" id="name" name="name" value="${newName}" maxlength="100"<#if newError??> class="invalid" aria-invalid="true" aria-describedby="name-error"</#if>>
<#if newError??><p class="field-error" id="name-error" role="alert">${newError}</p></#if></div>
<div class="fit"><button type="submit">Add</button></div>
</div>
</form>
<p class="hint">A retired category disappears from the subscription and preference forms; its picks, followers and history stay.</p>
<div class="table-scroll">
<table>
<thead><tr><th>Name</th><th class="num">Picks</th><th class="num">Followers</th><th>Actions</th></tr></thead>
<tbody>
<#list categories as c>
<tr>
<td>
<form method="post" action="${base}/admin/categories/${c.id?c}" class="row tight">
<@layout.csrfField/>
<input type="text" name="name" value="${c.name}" maxlength="100" aria-label="Name of ${c.name}"<#if c.error??> class="invalid" aria-invalid="true"</#if>>
<button type="submit" class="secondary fit">Rename</button>
</form>
<#if c.error??><p class="field-error" role="alert">${c.error}</p></#if>
<div class="muted">${c.slug}<#if c.retired> · retired</#if></div>
</td>
<td class="num">${c.picks?c}</td>
<td class="num">${c.followers?c}</td>
<td>
<form method="post" action="${base}/admin/categories/${c.id?c}/retire" class="inline"><@layout.csrfField/>
<#if c.retired><input type="hidden" name="action" value="restore"><button type="submit" class="secondary">Restore</button>
<#else><input type="hidden" name="action" value="retire"><button type="submit" class="secondary">Retire</button></#if>
</form>
</td>
</tr>
</#list>
</tbody>
</table>
</div>
</@layout.page>
