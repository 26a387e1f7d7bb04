<#ftl output_format="HTML" strip_whitespace=true>
<#-- Model: today, edition (EditionReports.Edition, absent before today's first delivery), queue (pending, deferred),
     feeds (failing: id, title, url, failures, lastError), candidates, joins, departures, listSize (last 30 days),
     lastEdition (LastEdition: date, delivered, bounce, unsubscribe, complaint, click), sentToday, topPicks, trackClicks
     (InsightPages.DashboardView). -->
<#import "layout.html.ftl" as layout>
<@layout.page title="Dashboard">
<h1>Dashboard</h1>
<div class="tiles">
<section class="card" id="today">
<h2 class="card-title">Today's edition, ${today}</h2>
<#if edition??>
<table class="figures"><tbody>
<tr><th>Due</th><td class="num due">${edition.due()?c}</td></tr>
<tr><th>Sent</th><td class="num sent">${edition.sent()?c}</td></tr>
<tr><th>Skipped</th><td class="num">${edition.skipped()?c}</td></tr>
<tr><th>Waiting</th><td class="num pending">${edition.pending()?c}</td></tr>
<tr><th>Deferred</th><td class="num">${edition.deferred()?c}</td></tr>
<tr><th>Failed</th><td class="num failed">${edition.failed()?c}</td></tr>
</tbody></table>
<p><a href="${base}/admin/reports/${today}">Report</a> · <a href="${base}/admin/charts/sending">Sending progress</a></p>
<#else>
<p class="muted">No digest is due yet today.</p>
</#if>
</section>
<section class="card" id="queue">
<h2 class="card-title">Queue</h2>
<table class="figures"><tbody>
<tr><th>Waiting to be sent</th><td class="num pending">${queue.pending()?c}</td></tr>
<tr><th>Deferred (retry later)</th><td class="num deferred">${queue.deferred()?c}</td></tr>
</tbody></table>
</section>
<section class="card" id="growth">
<h2 class="card-title">List, last 30 days</h2>
<table class="figures"><tbody>
<tr><th>Joined</th><td class="num joins">${joins?c}</td></tr>
<tr><th>Left</th><td class="num departures">${departures?c}</td></tr>
<tr><th>On the list now</th><td class="num total">${listSize?c}</td></tr>
</tbody></table>
<p><a href="${base}/admin/charts/growth">Growth chart</a></p>
</section>
<section class="card" id="last-edition">
<h2 class="card-title">Latest edition</h2>
<#if lastEdition??>
<table class="figures"><tbody>
<tr><th>Edition</th><td class="num">${lastEdition.date}</td></tr>
<tr><th>Delivered</th><td class="num delivered">${lastEdition.delivered?c}</td></tr>
<tr><th>Bounce rate</th><td class="num">${lastEdition.bounce}</td></tr>
<tr><th>Unsubscribe rate</th><td class="num">${lastEdition.unsubscribe}</td></tr>
<tr><th>Complaint rate</th><td class="num">${lastEdition.complaint}</td></tr>
<#if trackClicks><tr><th>Click rate</th><td class="num">${lastEdition.click}</td></tr></#if>
</tbody></table>
<#else><p class="muted">No edition in the last 30 days.</p></#if>
<p><a href="${base}/admin/charts/editions">Editions chart</a> · sent today: <span class="sent-today">${sentToday?c}</span></p>
</section>
<section class="card" id="work">
<h2 class="card-title">Waiting for an editor</h2>
<p><a href="${base}/admin/candidates"><span class="candidates">${candidates?c}</span> candidates</a> from feeds</p>
<#if feeds?has_content>
<p>Failing feeds:</p>
<ul class="failing-feeds"><#list feeds as f><li><a href="${base}/admin/feeds">${f.title()?has_content?then(f.title(), f.url())}</a>: ${f.failures()?c} failures<#if f.lastError()?has_content> <span class="muted">(${f.lastError()})</span></#if></li></#list></ul>
<#else><p class="muted">Every feed polled fine.</p></#if>
</section>
<#if trackClicks>
<section class="card" id="top-picks">
<h2 class="card-title">Most clicked, last 30 days</h2>
<#if topPicks?has_content>
<ol><#list topPicks as p><li>${p.title()} <span class="muted">(${p.clicks()?c} clicks)</span></li></#list></ol>
<#else><p class="muted">No clicks yet.</p></#if>
<p><a href="${base}/admin/charts/clicks">Top picks chart</a></p>
</section>
</#if>
</div>
</@layout.page>
