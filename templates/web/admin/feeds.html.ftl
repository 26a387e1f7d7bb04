<#ftl output_format="HTML" strip_whitespace=true>
<#--
  Model: FeedPages.View: feeds (FeedRow: id, url, title, category, lastFetched, nextFetch, error, failures, imported,
  waiting, polling), categories (CategoryOption: slug, name), v (FeedForm: url, category as typed),
  errors (field -> message); notice after "Poll now".
-->
<#import "layout.html.ftl" as layout>
<@layout.page title="Feeds">
<h1>Feeds</h1>
<form method="post" action="${base}/admin/feeds" class="card" novalidate>
<@layout.csrfField/>
<div class="row">
<div class="wide"><label for="url">Feed URL <span class="muted">(RSS or Atom, e.g. a Google News topic feed)</span></label>
<input type="url" id="url" name="url" value="${v.url}" maxlength="2000"${layout.invalid(errors, "url")?no_esc}>
<@layout.fieldError errors "url"/></div>
<div><label for="category">Category for its items</label>
<select id="category" name="category"${layout.invalid(errors, "category")?no_esc}>
<option value="">Choose…</option>
<#list categories as c><option value="${c.slug}"<#if c.slug == v.category> selected</#if>>${c.name}</option></#list>
</select>
<@layout.fieldError errors "category"/></div>
<div class="fit"><button type="submit">Register</button></div>
</div>
</form>
<#if feeds?has_content>
<div class="table-scroll">
<table id="feeds">
<thead><tr><th>Feed</th><th class="hide-narrow">Category</th><th>Last poll</th><th class="num">Waiting</th><th>Actions</th></tr></thead>
<tbody>
<#list feeds as f>
<tr data-id="${f.id?c}">
<td><#if f.title?has_content><strong>${f.title}</strong><br></#if><span class="muted">${f.url}</span>
<#if f.polling><p class="muted feed-polling" role="status">Polling…</p></#if>
<#if f.error?has_content><p class="field-error feed-error">Failing (${f.failures?c} in a row): ${f.error}. Next try ${f.nextFetch}.</p></#if></td>
<td class="hide-narrow">${f.category}</td>
<td>${f.lastFetched}<div class="muted">${f.imported?c} imported</div></td>
<td class="num"><a href="${base}/admin/candidates">${f.waiting?c}</a></td>
<td>
<form method="post" action="${base}/admin/feeds/${f.id?c}/poll" class="inline"><@layout.csrfField/><button type="submit" class="secondary poll">Poll now</button></form>
<form method="post" action="${base}/admin/feeds/${f.id?c}/delete" class="inline"><@layout.csrfField/><button type="submit" class="link">Remove</button></form>
</td>
</tr>
</#list>
</tbody>
</table>
</div>
<#else>
<p class="card">No feeds yet.</p>
</#if>
</@layout.page>
