<#ftl output_format="HTML" strip_whitespace=true>
<#--
  Model (ReportPages.EditionView): e (EditionReports.Edition), relays (EditionReports.RelayFigures: relay, absent when no relay answered; sent, deferred, failed), failures (subscriberId, email, attempts, reply), deferrals (DeferralRow), picks (pickId, title, recipients, clicks,
  clickers), trackClicks, archiveUrl.
-->
<#import "layout.html.ftl" as layout>
<@layout.page title="Edition " + e.date()>
<h1>Edition ${e.date()}</h1>
<p><a href="${archiveUrl}">Public page of this edition</a></p>
<div class="table-scroll">
<table id="summary">
<tbody>
<tr><th>Due</th><td class="num due">${e.due()?c}</td></tr>
<tr><th>Sent</th><td class="num sent">${e.sent()?c}</td></tr>
<tr><th>Skipped (nothing new)</th><td class="num">${e.skipped()?c}</td></tr>
<tr><th>Failed</th><td class="num failed">${e.failed()?c}</td></tr>
<tr><th>Suppressed (left before sending)</th><td class="num">${e.suppressed()?c}</td></tr>
<tr><th>Still pending</th><td class="num pending">${e.pending()?c}</td></tr>
<tr><th>Deferred (waiting for a retry)</th><td class="num deferred">${e.deferred()?c}</td></tr>
<tr><th>Bounced</th><td class="num">${e.bounced()?c}</td></tr>
<tr><th>Unsubscribed since</th><td class="num">${e.unsubscribed()?c}</td></tr>
</tbody>
</table>
</div>
<h2>Relays</h2>
<#if relays?has_content>
<div class="table-scroll">
<table id="relays">
<thead><tr><th>Relay</th><th class="num">Sent</th><th class="num">Deferred</th><th class="num">Failed</th></tr></thead>
<tbody>
<#list relays as r><tr><td><#if r.relay()??><code>${r.relay()}</code><#else>none answered</#if></td><td class="num sent">${r.sent()?c}</td><td class="num deferred">${r.deferred()?c}</td><td class="num failed">${r.failed()?c}</td></tr></#list>
</tbody>
</table>
</div>
<p class="hint">Each delivery counted once, by the relay that answered it last. "None answered": no relay could be reached, or the message could not be built.</p>
<#else>
<p class="card">No relay has answered a delivery of this edition yet.</p>
</#if>
<h2>Picks sent</h2>
<#if picks?has_content>
<div class="table-scroll">
<table id="picks">
<thead><tr><th>Pick</th><th class="num">Digests</th><#if trackClicks><th class="num">Clicks</th><th class="num">Readers who clicked</th></#if></tr></thead>
<tbody>
<#list picks as p>
<tr><td><a href="${base}/admin/picks/${p.pickId()?c}">${p.title()}</a></td><td class="num">${p.recipients()?c}</td>
<#if trackClicks><td class="num clicks">${p.clicks()?c}</td><td class="num">${p.clickers()?c}</td></#if></tr>
</#list>
</tbody>
</table>
</div>
<#if !trackClicks><p class="hint">Click counts appear here when PICKS_TRACK_CLICKS is on.</p></#if>
<#else>
<p class="card">No digest of this edition has been sent.</p>
</#if>
<h2>Failures</h2>
<#if failures?has_content>
<div class="table-scroll">
<table id="failures">
<thead><tr><th>Subscriber</th><th class="num">Attempts</th><th>Last reply</th></tr></thead>
<tbody>
<#list failures as f><tr><td><a href="${base}/admin/subscribers/${f.subscriberId()?c}">${f.email()}</a></td><td class="num">${f.attempts()?c}</td><td>${f.reply()!""}</td></tr></#list>
</tbody>
</table>
</div>
<#else>
<p class="card">None.</p>
</#if>
<h2>Deferred</h2>
<#if deferrals?has_content>
<p class="hint">The relay answered with a temporary failure; each is tried again with a growing pause until its time budget (PICKS_RETRY_BUDGET_HOURS, at most until the reader's next digest) is spent, then failed with the last reply.</p>
<div class="table-scroll">
<table id="deferred">
<thead><tr><th>Subscriber</th><th class="num">Attempts</th><th>Next attempt</th><th>Last reply</th></tr></thead>
<tbody>
<#list deferrals as f><tr><td><a href="${base}/admin/subscribers/${f.subscriberId()}">${f.email()}</a></td><td class="num">${f.attempts()?c}</td><td>${f.next()}</td><td>${f.reply()}</td></tr></#list>
</tbody>
</table>
</div>
<#else>
<p class="card">None.</p>
</#if>
</@layout.page>
