<#ftl output_format="HTML" strip_whitespace=true>
<#-- Model: SubscriberPages.RecordView: s (SubscriberProfile: id, email, name, status, schedule, since, lastDigest,
     timezone, sendHour, frequency, weekday, format, locale, pausedUntil, confirmedAt, unsubscribedAt, softBounces),
     follows (names; empty: all), followSlugs, categories (CategoryChoice: id, name, slug), events (SubscriberEventRow:
     at, type, detail, edition), deliveries (SubscriberDeliveryRow: edition, status, attempts, sentAt, reply,
     picks: PickHeld id, title, url). -->
<#import "layout.html.ftl" as layout>
<@layout.page title=s.email>
<h1>${s.email}</h1>
<section class="card" id="profile">
<table class="figures"><tbody>
<tr><th>Name</th><td>${s.name}</td></tr>
<tr><th>Status</th><td class="status-value">${s.status}<#if s.pausedUntil?has_content> (paused until ${s.pausedUntil})</#if></td></tr>
<tr><th>Schedule</th><td>${s.schedule}<#if s.weekday?has_content>, weekday ${s.weekday}</#if>, ${s.format}, ${s.locale}</td></tr>
<tr><th>Follows</th><td id="follows"><#if follows?has_content>${follows?join(", ")}<#else>all categories</#if></td></tr>
<tr><th>Joined</th><td>${s.since}</td></tr>
<tr><th>Confirmed</th><td>${s.confirmedAt}</td></tr>
<#if s.unsubscribedAt?has_content><tr><th>Unsubscribed</th><td>${s.unsubscribedAt}</td></tr></#if>
<tr><th>Soft bounces in a row</th><td>${s.softBounces?c}</td></tr>
<tr><th>Last digest up to</th><td>${s.lastDigest}</td></tr>
</tbody></table>
</section>

<h2>Deliveries</h2>
<#if deliveries?has_content>
<div class="table-scroll">
<table id="deliveries">
<thead><tr><th>Edition</th><th>Status</th><th class="num">Attempts</th><th>Sent</th><th>Relay's last reply</th><th>Picks it held</th></tr></thead>
<tbody>
<#list deliveries as d><tr><td>${d.edition}</td><td class="delivery-status">${d.status}</td><td class="num">${d.attempts?c}</td><td>${d.sentAt}</td><td class="reply">${d.reply}</td>
<td><#if d.picks?has_content><ol class="held"><#list d.picks as p><li><a href="${base}/admin/picks/${p.id()?c}">${p.title()}</a></li></#list></ol></#if></td></tr></#list>
</tbody>
</table>
</div>
<#else><p class="card">No digest was ever due for this subscriber.</p></#if>

<h2>History</h2>
<#if events?has_content>
<div class="table-scroll">
<table id="events">
<thead><tr><th>When</th><th>What</th><th>Detail</th></tr></thead>
<tbody>
<#list events as e><tr><td>${e.at}</td><td class="event-type">${e.type}</td><td>${e.detail}<#if e.edition?has_content> <span class="muted">(edition ${e.edition})</span></#if></td></tr></#list>
</tbody>
</table>
</div>
<#else><p class="card">Nothing recorded.</p></#if>

<h2>Support</h2>
<div class="card actions" id="support">
<#if s.status != "active">
<form method="post" action="${base}/admin/subscribers/${s.id}/confirmation" class="inline"><@layout.csrfField/><button type="submit" class="secondary">Resend the confirmation</button></form>
</#if>
<form method="post" action="${base}/admin/subscribers/${s.id}/links" class="inline"><@layout.csrfField/><button type="submit" class="secondary">Send new links (old ones stop working)</button></form>
<#if s.status != "unsubscribed">
<form method="post" action="${base}/admin/subscribers/${s.id}/unsubscribe" class="inline"><@layout.csrfField/><button type="submit" class="danger">Unsubscribe</button></form>
</#if>
</div>
<form method="post" action="${base}/admin/subscribers/${s.id}/pause" class="card" id="pause">
<@layout.csrfField/>
<div class="row"><div><label for="weeks">Pause for (weeks, 0 resumes)</label><input type="text" inputmode="numeric" id="weeks" name="weeks" value="0"></div>
<div class="fit"><button type="submit" class="secondary">Pause</button></div></div>
</form>
<form method="post" action="${base}/admin/subscribers/${s.id}/preferences" class="card" id="preferences">
<@layout.csrfField/>
<h3 class="card-title">Preferences</h3>
<div class="row">
<div><label for="p-name">Name</label><input type="text" id="p-name" name="name" value="${s.name}" maxlength="200"></div>
<div><label for="p-tz">Time zone</label><input type="text" id="p-tz" name="timezone" value="${s.timezone}"></div>
<div><label for="p-hour">Send hour</label><input type="text" inputmode="numeric" id="p-hour" name="sendHour" value="${s.sendHour?c}"></div>
<div><label for="p-freq">Frequency</label><select id="p-freq" name="frequency"><option<#if s.frequency == "daily"> selected</#if>>daily</option><option<#if s.frequency == "weekly"> selected</#if>>weekly</option></select></div>
<div><label for="p-weekday">Weekday (1 Monday … 7, weekly only)</label><input type="text" inputmode="numeric" id="p-weekday" name="weekday" value="${s.weekday}"></div>
<div><label for="p-format">Format</label><select id="p-format" name="format"><option<#if s.format == "html"> selected</#if>>html</option><option<#if s.format == "text"> selected</#if>>text</option></select></div>
</div>
<fieldset><legend>Categories (none ticked: all)</legend>
<#list categories as k><label class="check"><input type="checkbox" name="categories" value="${k.slug}"<#if followSlugs?seq_contains(k.slug)> checked</#if>> ${k.name}</label></#list>
</fieldset>
<div class="actions"><button type="submit">Save preferences</button></div>
</form>
<#if me.admin>
<form method="post" action="${base}/admin/subscribers/${s.id}/erase" class="card" id="erase">
<@layout.csrfField/>
<h3 class="card-title">Erase</h3>
<p class="hint">Deletes the subscriber and their history; the address goes on the suppression list (kept as a hash) so no import brings it back.</p>
<label class="check"><input type="checkbox" name="confirm" value="yes"> I am erasing this subscriber for good</label>
<div class="actions"><button type="submit" class="danger">Erase</button></div>
</form>
</#if>
</@layout.page>
