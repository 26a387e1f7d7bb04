<#ftl output_format="HTML" strip_whitespace=true>
<#-- Model: ImportPages.FormView: maxMb. -->
<#import "layout.html.ftl" as layout>
<@layout.page title="Import subscribers">
<h1>Import subscribers</h1>
<p class="hint">A CSV file with a header row. Columns: email (or Mailchimp's "Email Address"), name (or "First Name" and "Last Name"), timezone, send_hour, frequency, weekday, format, locale, categories (separated by ;). Other columns are ignored. At most ${maxMb} MB.</p>
<form method="post" action="${base}/admin/subscribers/import" enctype="multipart/form-data" class="card" id="upload">
<input type="hidden" name="csrf" value="${csrf}">
<div class="row">
<div><label for="file">CSV file</label><input type="file" id="file" name="file" accept=".csv,text/csv" required></div>
<div class="fit"><button type="submit">Upload and preview</button></div>
</div>
</form>
</@layout.page>
