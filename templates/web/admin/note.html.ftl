<#ftl output_format="HTML" strip_whitespace=true>
<#-- Model: NotePages.EditView: date, markdown, max, saved (a note is stored for the date), error?,
  previewHtml? (safe HTML), previewText?. -->
<#import "layout.html.ftl" as layout>
<@layout.page title="Note for ${date}">
<p><a href="${base}/admin/notes">&larr; Editor's notes</a></p>
<h1>Note for the ${date} edition</h1>
<form method="post" action="${base}/admin/notes/${date}" class="card">
<@layout.csrfField/>
<label for="note">Note (Markdown: **bold**, _italic_, [links](https://…), lists; raw HTML is shown as text)</label>
<textarea id="note" name="note" rows="8" maxlength="${max?c}"<#if error??> class="invalid" aria-invalid="true" aria-describedby="note-error"</#if>>${markdown}</textarea>
<#if error??><p class="field-error" id="note-error" role="alert">${error}</p></#if>
<p class="hint">Saved notes appear in digests of this date rendered from then on; save it empty to remove it.</p>
<div class="row">
<div class="fit"><button type="submit" name="action" value="preview" class="secondary">Preview</button></div>
<div class="fit"><button type="submit" name="action" value="save">Save</button></div>
</div>
</form>
<#if previewHtml??>
<h2>As the digest shows it</h2>
<div class="card note-preview">${previewHtml?no_esc}</div>
<h2>In the text part</h2>
<pre class="card">${previewText}</pre>
</#if>
<#if saved><p class="muted">A note is saved for this date. The <a href="${base}/admin/preview">preview</a> shows it in a whole digest.</p></#if>
</@layout.page>
