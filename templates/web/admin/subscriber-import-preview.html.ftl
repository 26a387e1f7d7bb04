<#ftl output_format="HTML" strip_whitespace=true>
<#-- Model: ImportPages.PreviewView: upload (token), fileName, mapping (ImportColumn: column, field: "" when
  ignored), ignored (column names), header, rows (lists of cells). -->
<#import "layout.html.ftl" as layout>
<@layout.page title="Import subscribers: preview">
<h1>Import ${fileName}</h1>
<h2>Columns</h2>
<div class="table-scroll">
<table id="mapping">
<thead><tr><th>Column in the file</th><th>Imported as</th></tr></thead>
<tbody>
<#list mapping as c><tr><td>${c.column}</td><td><#if c.field?has_content>${c.field}<#else><span class="muted">ignored</span></#if></td></tr></#list>
</tbody>
</table>
</div>
<#if ignored?has_content><p id="ignored">Ignored columns: ${ignored?join(", ")}.</p></#if>
<h2>First rows</h2>
<#if rows?has_content>
<div class="table-scroll">
<table id="rows">
<thead><tr><#list header as h><th>${h}</th></#list></tr></thead>
<tbody>
<#list rows as r><tr><#list r as cell><td>${cell}</td></#list></tr></#list>
</tbody>
</table>
</div>
<#else>
<p class="muted">The file has no rows after its header.</p>
</#if>
<form method="post" action="${base}/admin/subscribers/import/start" class="card" id="start">
<input type="hidden" name="csrf" value="${csrf}">
<input type="hidden" name="upload" value="${upload}">
<fieldset>
<legend>Import them as</legend>
<p><label><input type="radio" name="mode" value="pending" checked> pending: each is sent a confirmation mail and gets digests once they confirm</label></p>
<p><label><input type="radio" name="mode" value="active"> active: they get digests from now on</label></p>
<p><label><input type="checkbox" name="attest" value="yes"> For active: these people asked to receive it.</label></p>
</fieldset>
<button type="submit">Start the import</button>
</form>
</@layout.page>
