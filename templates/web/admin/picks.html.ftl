<#ftl output_format="HTML" strip_whitespace=true>
<#--
  Model: picks (PickRow: id, title, source, status, category, published, scheduled, movable),
  status, category, date, q, today, categories (slug, name), statuses, back (this list's path and query).
  With a date the list is that day's digest order and published picks get up/down buttons.
-->
<#import "layout.html.ftl" as layout>
<@layout.page title="Picks">
<div class="row page-head">
<h1>Picks</h1>
<p class="fit"><a href="${base}/admin/picks/new">New pick</a> · <a href="${base}/admin/picks?date=${today}">Today's order</a></p>
</div>
<form method="get" action="${base}/admin/picks" class="card">
<div class="row">
<div><label for="q">Search</label><input type="search" id="q" name="q" value="${q}" maxlength="200"></div>
<div><label for="status">Status</label>
<select id="status" name="status"><option value="">Any but candidates</option>
<#list statuses as s><option value="${s}"<#if s == status> selected</#if>>${s}</option></#list>
</select></div>
<div><label for="category">Category</label>
<select id="category" name="category"><option value="">Any</option>
<#list categories as c><option value="${c.slug}"<#if c.slug == category> selected</#if>>${c.name}</option></#list>
</select></div>
<div><label for="date">Published on</label><input type="date" id="date" name="date" value="${date}"></div>
<div class="fit"><button type="submit">Filter</button></div>
</div>
</form>
<#if date?has_content><p class="hint">Picks published on ${date}, in the order digests show them. Move them with ↑ and ↓.</p></#if>
<#if picks?has_content>
<div class="table-scroll">
<table id="picks">
<thead><tr><th>Title</th><th>Status</th><th class="hide-narrow">Category</th><th class="hide-narrow">Published</th><th>Actions</th></tr></thead>
<tbody>
<#list picks as p>
<tr data-id="${p.id?c}">
<td><a href="${base}/admin/picks/${p.id?c}" class="pick-title">${p.title}</a><div class="muted">${p.source}</div></td>
<td><span class="status ${p.status}">${p.status}<#if p.scheduled> (scheduled)</#if></span></td>
<td class="hide-narrow">${p.category}</td>
<td class="hide-narrow">${p.published}</td>
<td>
<#if p.movable>
<form method="post" action="${base}/admin/picks/${p.id?c}/move" class="inline"><@layout.csrfField/><input type="hidden" name="back" value="${back}"><input type="hidden" name="dir" value="up"><button type="submit" class="secondary" title="Move up" aria-label="Move up ${p.title}" name="up">↑</button></form>
<form method="post" action="${base}/admin/picks/${p.id?c}/move" class="inline"><@layout.csrfField/><input type="hidden" name="back" value="${back}"><input type="hidden" name="dir" value="down"><button type="submit" class="secondary" title="Move down" aria-label="Move down ${p.title}" name="down">↓</button></form>
</#if>
<#if p.status == "draft" || p.status == "retracted">
<form method="post" action="${base}/admin/picks/${p.id?c}/publish" class="inline"><@layout.csrfField/><input type="hidden" name="back" value="${back}"><button type="submit" class="publish">Publish</button></form>
<#elseif p.status == "published">
<form method="post" action="${base}/admin/picks/${p.id?c}/retract" class="inline"><@layout.csrfField/><input type="hidden" name="back" value="${back}"><button type="submit" class="secondary retract">Retract</button></form>
<#elseif p.status == "candidate">
<a href="${base}/admin/candidates/${p.id?c}">Review</a>
</#if>
</td>
</tr>
</#list>
</tbody>
</table>
</div>
<#else>
<p class="card">No picks match.</p>
</#if>
</@layout.page>
