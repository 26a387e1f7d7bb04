<#ftl output_format="HTML" strip_whitespace=true>
<#-- Model: AccountPages.AuditView: entries (AuditRow: at, actor, action, subject, detail), newest first. -->
<#import "layout.html.ftl" as layout>
<@layout.page title="Audit log">
<h1>Audit log</h1>
<div class="table-scroll">
<table id="audit">
<thead><tr><th>When</th><th>Who</th><th>What</th><th>Detail</th></tr></thead>
<tbody>
<#list entries as a><tr><td>${a.at}</td><td>${a.actor}</td><td>${a.action} ${a.subject}</td><td>${a.detail}</td></tr></#list>
</tbody>
</table>
</div>
</@layout.page>
