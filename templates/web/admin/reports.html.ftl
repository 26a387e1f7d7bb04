<#ftl output_format="HTML" strip_whitespace=true>
<#-- Model: editions (EditionReports.Edition: date, due, sent, skipped, failed, suppressed, pending, deferred, bounced, unsubscribed, clicks), trackClicks. -->
<#import "layout.html.ftl" as layout>
<@layout.page title="Edition reports">
<h1>Edition reports</h1>
<p class="hint">One edition per day. Due: digests created for it; skipped: nothing new for that reader; unsubscribed: readers who left after it arrived.</p>
<#if editions?has_content>
<div class="table-scroll">
<table id="editions">
<thead><tr><th>Edition</th><th class="num">Due</th><th class="num">Sent</th><th class="num">Skipped</th><th class="num">Failed</th><th class="num hide-narrow">Suppressed</th><th class="num hide-narrow">Pending</th><th class="num">Deferred</th><th class="num">Bounced</th><th class="num">Unsubscribed</th><#if trackClicks><th class="num">Clicks</th></#if></tr></thead>
<tbody>
<#list editions as e>
<tr data-date="${e.date()}">
<td><a href="${base}/admin/reports/${e.date()}">${e.date()}</a></td>
<td class="num">${e.due()?c}</td><td class="num sent">${e.sent()?c}</td><td class="num">${e.skipped()?c}</td>
<td class="num failed">${e.failed()?c}</td><td class="num hide-narrow">${e.suppressed()?c}</td><td class="num hide-narrow">${e.pending()?c}</td><td class="num deferred">${e.deferred()?c}</td>
<td class="num">${e.bounced()?c}</td><td class="num">${e.unsubscribed()?c}</td><#if trackClicks><td class="num">${e.clicks()?c}</td></#if>
</tr>
</#list>
</tbody>
</table>
</div>
<#else>
<p class="card">No edition yet.</p>
</#if>
</@layout.page>
