<#ftl output_format="HTML" strip_whitespace=true>
<#--
  Model: WebhookPages.EndpointView: e (WebhookEndpointState, see webhooks.html.ftl), secret, events (EventChoice:
  name, checked), errors, log (WebhookDeliveryRow: type, messageId, subject, at, state, attempts, status, error,
  lastAttempt, nextAttempt), newest first.
-->
<#import "layout.html.ftl" as layout>
<@layout.page title="Webhook endpoint">
<h1>Webhook endpoint #${e.id?c}</h1>
<#if e.paused>
<p class="notice error webhook-paused" role="alert">Paused at ${e.pausedAt}: ${e.pausedReason}. Nothing is sent to it until it is enabled again; then what waited is sent, each event with a new 24-hour retry window.</p>
</#if>
<div class="card">
<p><strong>${e.url}</strong></p>
<p>State: <span id="state"><#if e.paused>paused<#elseif !e.enabled>disabled<#elseif e.failures gt 0>failing since ${e.failingSince} (${e.failures?c} in a row)<#else>enabled</#if></span></p>
<p>Last answer: <span id="last-answer"><#if e.lastAttempt?has_content>${e.lastStatus}<#if e.lastError?has_content> ${e.lastError}</#if> at ${e.lastAttempt}<#else>never called</#if></span><#if e.lastSuccess?has_content>; last success ${e.lastSuccess}</#if></p>
<p>Signing secret (Standard Webhooks): <code id="secret">${secret}</code></p>
<#if e.enabled && !e.paused>
<form method="post" action="${base}/admin/webhooks/${e.id?c}/disable" class="inline"><@layout.csrfField/><button type="submit" class="secondary">Disable</button></form>
<#else>
<form method="post" action="${base}/admin/webhooks/${e.id?c}/enable" class="inline"><@layout.csrfField/><button type="submit" class="secondary"><#if e.paused>Resume<#else>Enable</#if></button></form>
</#if>
<form method="post" action="${base}/admin/webhooks/${e.id?c}/delete" class="inline"><@layout.csrfField/><button type="submit" class="link">Remove</button></form>
</div>
<form method="post" action="${base}/admin/webhooks/${e.id?c}" class="card" novalidate>
<@layout.csrfField/>
<fieldset><legend>Events</legend>
<#list events as ev><label class="check fit"><input type="checkbox" name="event" value="${ev.name}"<#if ev.checked> checked</#if>> ${ev.name}</label> </#list>
<@layout.fieldError errors "events"/>
</fieldset>
<div class="fit"><button type="submit">Save events</button></div>
</form>
<h2>Deliveries</h2>
<#if log?has_content>
<div class="table-scroll">
<table id="deliveries">
<thead><tr><th>Event</th><th>State</th><th class="num">Attempts</th><th>Last answer</th><th>Next try</th></tr></thead>
<tbody>
<#list log as d>
<tr>
<td>${d.type} <span class="muted">${d.subject} · ${d.at}</span><div class="muted">${d.messageId}</div></td>
<td class="state">${d.state}</td>
<td class="num">${d.attempts?c}</td>
<td class="status">${d.status}<#if d.error?has_content> ${d.error}</#if><#if d.lastAttempt?has_content> <span class="muted">at ${d.lastAttempt}</span></#if></td>
<td>${d.nextAttempt}</td>
</tr>
</#list>
</tbody>
</table>
</div>
<#else>
<p class="card">Nothing sent yet.</p>
</#if>
</@layout.page>
