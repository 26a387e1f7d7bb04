<#ftl output_format="HTML" strip_whitespace=true>
<#-- Model: NotePages.ListView: today (yyyy-mm-dd in the editors' zone),
  notes (NoteRow: date, markdown, updatedBy, updatedAt). -->
<#import "layout.html.ftl" as layout>
<@layout.page title="Editor's notes">
<h1>Editor's notes</h1>
<p class="hint">A short note shown at the top of one edition date's digests, above the picks, in HTML and text alike.</p>
<form method="get" action="${base}/admin/notes" class="card">
<div class="row">
<div><label for="date">Edition date</label>
<input type="date" id="date" name="date" value="${today}" required></div>
<div class="fit"><button type="submit">Write or edit</button></div>
</div>
</form>
<#if notes?has_content>
<div class="table-scroll">
<table>
<thead><tr><th>Date</th><th>Note</th><th class="hide-narrow">Saved by</th></tr></thead>
<tbody>
<#list notes as n>
<tr>
<td><a href="${base}/admin/notes/${n.date}">${n.date}</a></td>
<td>${(n.markdown?length > 120)?then(n.markdown?substring(0, 120) + "…", n.markdown)}</td>
<td class="hide-narrow muted">${n.updatedBy}, ${n.updatedAt}</td>
</tr>
</#list>
</tbody>
</table>
</div>
<#else>
<p class="muted">No notes yet.</p>
</#if>
</@layout.page>
