<#ftl output_format="HTML" strip_whitespace=true>
<#-- Model: ImportPages.JobView: id, state (queued, running, done, failed), linesRead, imported, refused, failure,
  running, total (-1 unknown), done, kept, refresh?. -->
<#import "layout.html.ftl" as layout>
<@layout.page title="Import ${id}">
<h1>Import ${id}: ${state}</h1>
<#if total gte 0><progress id="progress" max="${total?c}" value="${done?c}">${done?c} of ${total?c} lines</progress><#else><progress id="progress">running</progress></#if>
<table id="counts" class="w-sm">
<tbody>
<tr><th>Lines read</th><td class="num">${linesRead?c}</td></tr>
<tr><th>Imported</th><td class="num">${imported?c}</td></tr>
<tr><th>Refused</th><td class="num">${refused?c}</td></tr>
</tbody>
</table>
<#if failure?has_content><p class="notice error" role="alert">${failure}</p></#if>
<#if running><p class="muted">This page refreshes every 2 seconds while the import runs.</p></#if>
<#if refused gt 0><p><a href="${base}/admin/subscribers/import/${id}/errors.csv" id="errors">Download the refused lines (CSV)</a><#if refused gt kept>: the first ${kept?c} are kept</#if>.</p></#if>
<p><a href="${base}/admin/subscribers">Back to subscribers</a></p>
</@layout.page>
