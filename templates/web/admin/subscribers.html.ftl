<#ftl output_format="HTML" strip_whitespace=true>
<#-- Model: SubscriberPages.ListView: counts (status -> n), growth (SubscriberStats.Day: date, subscribed,
     unsubscribed), categories (CategoryChoice: id, name), statuses, c (SubscriberSearchForm: q, name, status,
     category, from, to), searched, and when searched: found (SubscriberRow: id, email, name, status, schedule, since,
     lastDigest), total, query (the search as a query string); shown, bulkLimit. -->
<#import "layout.html.ftl" as layout>
<@layout.page title="Subscribers">
<h1>Subscribers</h1>
<p><a href="${base}/admin/subscribers/import" id="import">Import from a CSV file</a></p>
<div class="table-scroll">
<table id="counts" class="w-sm">
<tbody>
<#list counts as status, n><tr><th>${status}</th><td class="num">${n?c}</td></tr></#list>
</tbody>
</table>
</div>
<h2>Search</h2>
<form method="get" action="${base}/admin/subscribers" class="card" id="search">
<div class="row">
<div><label for="q">Address contains</label><input type="search" id="q" name="q" value="${c.q}" maxlength="254"></div>
<div><label for="name">Name contains</label><input type="search" id="name" name="name" value="${c.name}" maxlength="254"></div>
<div><label for="status">Status</label><select id="status" name="status"><option value="">any</option><#list statuses as s><option value="${s}"<#if c.status == s> selected</#if>>${s}</option></#list></select></div>
<div><label for="category">Receives category</label><select id="category" name="category"><option value="">any</option><#list categories as k><option value="${k.id}"<#if c.category == k.id> selected</#if>>${k.name}</option></#list></select></div>
<div><label for="from">Joined from</label><input type="date" id="from" name="from" value="${c.from}"></div>
<div><label for="to">Joined until</label><input type="date" id="to" name="to" value="${c.to}"></div>
<div class="fit"><button type="submit">Search</button></div>
</div>
</form>
<#if searched>
<p class="muted" id="total">${total?c} found<#if total gt shown>, the first ${shown?c} shown</#if>.</p>
<#if found?has_content>
<div class="table-scroll">
<table id="found">
<thead><tr><th>Address</th><th>Status</th><th>Schedule</th><th>Since</th><th>Last digest up to</th></tr></thead>
<tbody>
<#list found as s><tr><td><a href="${base}/admin/subscribers/${s.id}">${s.email}</a><div class="muted">${s.name}</div></td><td>${s.status}</td><td>${s.schedule}</td><td>${s.since}</td><td>${s.lastDigest}</td></tr></#list>
</tbody>
</table>
</div>
<div class="actions">
<a href="${base}/admin/subscribers/export?${query}" id="export">Export these ${total?c} as CSV</a>
<form method="post" action="${base}/admin/subscribers/unsubscribe" class="inline" id="bulk">
<@layout.csrfField/>
<input type="hidden" name="q" value="${c.q}"><input type="hidden" name="name" value="${c.name}"><input type="hidden" name="status" value="${c.status}">
<input type="hidden" name="category" value="${c.category}"><input type="hidden" name="from" value="${c.from}"><input type="hidden" name="to" value="${c.to}">
<label class="check"><input type="checkbox" name="confirm" value="yes"> Unsubscribe all ${total?c} (at most ${bulkLimit?c})</label>
<button type="submit" class="danger">Unsubscribe them</button>
</form>
</div>
<#else><p class="card">Nobody matches.</p></#if>
</#if>
<h2>Growth, last 30 days</h2>
<p><a href="${base}/admin/charts/growth">Growth chart</a></p>
<#if growth?has_content>
<div class="table-scroll">
<table id="growth" class="w-lg">
<thead><tr><th>Day (UTC)</th><th class="num">Joined</th><th class="num">Left</th></tr></thead>
<tbody>
<#list growth as d><tr><td>${d.date()}</td><td class="num">${d.subscribed()?c}</td><td class="num">${d.unsubscribed()?c}</td></tr></#list>
</tbody>
</table>
</div>
<#else><p class="card">Nobody joined or left in the last 30 days.</p></#if>
</@layout.page>
