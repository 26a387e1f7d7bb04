<#ftl output_format="HTML" strip_whitespace=true>
<#--
  Model: mode (new | edit | accept), v (field values as typed), errors (field -> message), categories (slug, name),
  zone, and for an existing pick: id, pickStatus, publishedAt, updated.
-->
<#import "layout.html.ftl" as layout>
<#assign heading = (mode == "new")?then("New pick", (mode == "accept")?then("Candidate", "Edit pick"))>
<@layout.page title=heading>
<h1>${heading}<#if id??> <span class="muted">#${id?c} · ${pickStatus}<#if publishedAt?has_content> · published ${publishedAt}</#if></span></#if></h1>
<#if errors?has_content><p class="notice error" role="alert">Please correct the fields marked below. Nothing was saved.</p></#if>
<#assign action = (mode == "new")?then(base + "/admin/picks", (mode == "accept")?then(base + "/admin/candidates/" + id?c + "/accept", base + "/admin/picks/" + (id!0)?c))>
<form method="post" action="${action}" class="card" novalidate>
<@layout.csrfField/>
<label for="title">Title</label>
<input type="text" id="title" name="title" value="${v.title!}" maxlength="300"${layout.invalid(errors, "title")?no_esc}>
<@layout.fieldError errors "title"/>
<label for="url">Link</label>
<input type="url" id="url" name="url" value="${v.url!}" maxlength="2000"${layout.invalid(errors, "url")?no_esc}>
<@layout.fieldError errors "url"/>
<label for="summary">Summary</label>
<textarea id="summary" name="summary" maxlength="5000"${layout.invalid(errors, "summary")?no_esc}>${v.summary!}</textarea>
<@layout.fieldError errors "summary"/>
<div class="row">
<div><label for="source">Source</label>
<input type="text" id="source" name="source" value="${v.source!}" maxlength="200"${layout.invalid(errors, "source")?no_esc}>
<@layout.fieldError errors "source"/></div>
<div><label for="sourceUrl">Source link</label>
<input type="url" id="sourceUrl" name="sourceUrl" value="${v.sourceUrl!}" maxlength="2000"${layout.invalid(errors, "sourceUrl")?no_esc}>
<@layout.fieldError errors "sourceUrl"/></div>
</div>
<label for="imageUrl">Image link <span class="muted">(optional, https)</span></label>
<input type="url" id="imageUrl" name="imageUrl" value="${v.imageUrl!}" maxlength="2000"${layout.invalid(errors, "imageUrl")?no_esc}>
<@layout.fieldError errors "imageUrl"/>
<label for="category">Category</label>
<select id="category" name="category"${layout.invalid(errors, "category")?no_esc}>
<option value="">Choose…</option>
<#list categories as c><option value="${c.slug}"<#if c.slug == (v.category!"")> selected</#if>>${c.name}</option></#list>
</select>
<@layout.fieldError errors "category"/>
<div class="row">
<div><label for="publish">Publish</label>
<select id="publish" name="publish"${layout.invalid(errors, "publish")?no_esc}>
<option value=""<#if (v.publish!"") == ""> selected</#if>><#if mode == "edit" && pickStatus == "published">Keep the publish time<#else>Not yet (draft)</#if></option>
<option value="now"<#if (v.publish!"") == "now"> selected</#if>>Now</option>
<option value="at"<#if (v.publish!"") == "at"> selected</#if>>At the time given</option>
</select>
<@layout.fieldError errors "publish"/></div>
<div><label for="publishAt">Publish time <span class="muted">(${zone})</span></label>
<input type="datetime-local" id="publishAt" name="publishAt" value="${v.publishAt!}"${layout.invalid(errors, "publishAt")?no_esc}>
<@layout.fieldError errors "publishAt"/></div>
</div>
<div class="actions">
<#if mode == "accept">
<button type="submit">Accept</button>
<span class="muted">as a draft, or published as chosen above</span>
<#else>
<button type="submit">Save</button>
</#if>
<a href="${base}/admin/<#if mode == "accept">candidates<#else>picks</#if>">Cancel</a>
</div>
</form>
<#if updated??><p class="muted">Last changed by ${updated}</p></#if>
<#if mode == "accept">
<form method="post" action="${base}/admin/candidates/${id?c}/dismiss"><@layout.csrfField/><button type="submit" class="danger">Dismiss</button></form>
</#if>
</@layout.page>
