<#ftl output_format="HTML" strip_whitespace=true>
<#-- Model: counts (status -> n), growth (date, subscribed, unsubscribed), q, found (email, name, status, schedule, since, lastDigest). -->
<#import "layout.html.ftl" as layout>
<@layout.page title="Subscribers">
<h1>Subscribers</h1>
<table id="counts" class="w-sm">
<tbody>
<#list counts as status, n><tr><th>${status}</th><td class="num">${n?c}</td></tr></#list>
</tbody>
</table>
<h2>Search</h2>
<form method="get" action="${base}/admin/subscribers" class="card">
<div class="row">
<div><label for="q">Address contains</label><input type="search" id="q" name="q" value="${q}" maxlength="254"></div>
<div class="fit"><button type="submit">Search</button></div>
</div>
</form>
<#if q?has_content>
<#if found?has_content>
<table id="found">
<thead><tr><th>Address</th><th>Status</th><th class="hide-narrow">Schedule</th><th class="hide-narrow">Since</th><th>Last digest up to</th></tr></thead>
<tbody>
<#list found as s><tr><td>${s.email}<div class="muted">${s.name}</div></td><td>${s.status}</td><td class="hide-narrow">${s.schedule}</td><td class="hide-narrow">${s.since}</td><td>${s.lastDigest}</td></tr></#list>
</tbody>
</table>
<#else><p class="card">No subscriber address contains “${q}”.</p></#if>
</#if>
<h2>Growth, last 30 days</h2>
<#if growth?has_content>
<table id="growth" class="w-lg">
<thead><tr><th>Day (UTC)</th><th class="num">Joined</th><th class="num">Left</th></tr></thead>
<tbody>
<#list growth as d><tr><td>${d.date()}</td><td class="num">${d.subscribed()?c}</td><td class="num">${d.unsubscribed()?c}</td></tr></#list>
</tbody>
</table>
<#else><p class="card">Nobody joined or left in the last 30 days.</p></#if>
</@layout.page>
