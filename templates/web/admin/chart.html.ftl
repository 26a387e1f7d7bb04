<#ftl output_format="HTML" strip_whitespace=true>
<#-- Model: name (growth, editions, sending, clicks), days, windows (choices of days), trackClicks,
     panels (id, title, labelHeading, columns, colours (0..3 per column), rows: [label, value...], svg: SVG markup built and escaped by SvgChart). -->
<#import "layout.html.ftl" as layout>
<@layout.page title="Charts">
<h1>Charts</h1>
<nav class="actions toolbar" aria-label="Charts">
<a href="${base}/admin/charts/growth?days=${days?c}"<#if name == "growth"> aria-current="page"</#if>>List growth</a>
<a href="${base}/admin/charts/editions?days=${days?c}"<#if name == "editions"> aria-current="page"</#if>>Editions</a>
<a href="${base}/admin/charts/sending"<#if name == "sending"> aria-current="page"</#if>>Today's sending</a>
<a href="${base}/admin/charts/clicks?days=${days?c}"<#if name == "clicks"> aria-current="page"</#if>>Top picks</a>
</nav>
<#if windows?has_content>
<p class="actions toolbar">Period:
<#list windows as w><a href="${base}/admin/charts/${name}?days=${w?c}"<#if w == days> aria-current="page"</#if>>${w?c} days</a></#list>
</p>
</#if>
<#if name == "clicks" && !trackClicks><p class="card">Click tracking is off (PICKS_TRACK_CLICKS), so no clicks are counted.</p></#if>
<#list panels as p>
<section class="card chart-panel" id="${p.id}">
<h2 class="card-title">${p.title}</h2>
<#if p.rows?has_content>
<figure class="chart-figure" aria-describedby="${p.id}-table">${p.svg?no_esc}
<figcaption class="legend"><#list p.columns as c><span class="key s${p.colours[c?index]}">${c}</span></#list></figcaption>
</figure>
<div class="table-scroll">
<table id="${p.id}-table" class="chart-table">
<caption class="muted">The numbers drawn above</caption>
<thead><tr><th scope="col">${p.labelHeading}</th><#list p.columns as c><th scope="col" class="num">${c}</th></#list></tr></thead>
<tbody>
<#list p.rows as r><tr><#list r as v><#if v?is_first><th scope="row">${v}</th><#else><td class="num">${v}</td></#if></#list></tr></#list>
</tbody>
</table>
</div>
<#else>
<p class="muted">Nothing to draw yet.</p>
</#if>
</section>
</#list>
</@layout.page>
