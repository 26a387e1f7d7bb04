<#ftl output_format="HTML" strip_whitespace=true>
<#--
  Model: WebhookPages.ListView: endpoints (WebhookEndpointRow: endpoint (WebhookEndpointState: id, url, eventTypes,
  enabled, paused, pausedAt, pausedReason, failures, failingSince, lastStatus, lastError, lastAttempt, lastSuccess),
  waiting, delivered, failed), url (as typed), events (EventChoice: name, checked), errors (field -> message).
-->
<#import "layout.html.ftl" as layout>
<@layout.page title="Webhooks">
<h1>Webhooks</h1>
<#list endpoints as row><#assign e = row.endpoint><#if e.paused>
<p class="notice error webhook-paused" role="alert">Endpoint <a href="${base}/admin/webhooks/${e.id?c}">${e.url}</a> is paused: ${e.pausedReason}. Nothing is sent to it until it is enabled again.</p>
</#if></#list>
<form method="post" action="${base}/admin/webhooks" class="card" novalidate>
<@layout.csrfField/>
<div><label for="url">Endpoint URL <span class="muted">(POSTed a signed JSON body per event)</span></label>
<input type="url" id="url" name="url" value="${url}" maxlength="2000"${layout.invalid(errors, "url")?no_esc}>
<@layout.fieldError errors "url"/></div>
<fieldset><legend>Events</legend>
<#list events as ev><label class="check fit"><input type="checkbox" name="event" value="${ev.name}"<#if ev.checked> checked</#if>> ${ev.name}</label> </#list>
<@layout.fieldError errors "events"/>
</fieldset>
<div class="fit"><button type="submit">Register</button></div>
</form>
<#if endpoints?has_content>
<div class="table-scroll">
<table id="webhooks">
<thead><tr><th>Endpoint</th><th>State</th><th>Last answer</th><th class="num">Waiting</th><th class="num">Delivered</th><th class="num">Failed</th></tr></thead>
<tbody>
<#list endpoints as row>
<#assign e = row.endpoint>
<tr data-id="${e.id?c}">
<td><a href="${base}/admin/webhooks/${e.id?c}">${e.url}</a><div class="muted">${e.eventTypes}</div></td>
<td class="state"><#if e.paused>paused<#elseif !e.enabled>disabled<#elseif e.failures gt 0>failing (${e.failures?c} in a row)<#else>enabled</#if></td>
<td class="last"><#if e.lastAttempt?has_content>${e.lastStatus}<#if e.lastError?has_content> ${e.lastError}</#if> at ${e.lastAttempt}<#else>never called</#if></td>
<td class="num">${row.waiting?c}</td>
<td class="num">${row.delivered?c}</td>
<td class="num">${row.failed?c}</td>
</tr>
</#list>
</tbody>
</table>
</div>
<#else>
<p class="card">No endpoints yet.</p>
</#if>
</@layout.page>
