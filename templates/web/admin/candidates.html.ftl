<#ftl output_format="HTML" strip_whitespace=true>
<#--
  Model: candidates (CandidateRow: id, title, url, summary, source, category, categorySlug),
  categories (CategoryOption: slug, name).
  Each candidate is accepted with its summary and category as edited here (or in full on its own page), or dismissed.
-->
<#import "layout.html.ftl" as layout>
<@layout.page title="Candidates">
<h1>Candidates</h1>
<p class="hint">Items the feeds brought in. Accept one as a draft or publish it at once, with your own summary; dismiss the rest (they will not come back).</p>
<#if !candidates?has_content><p class="card">Nothing is waiting.</p></#if>
<#list candidates as c>
<div class="card candidate" data-id="${c.id?c}">
<div class="status">${c.category}<#if c.source?has_content> · ${c.source}</#if></div>
<h2><#if c.url?matches(r"https?://\S+", "i")><a href="${c.url}" rel="noopener noreferrer" target="_blank" class="candidate-title">${c.title}</a><#else><span class="candidate-title">${c.title}</span></#if></h2>
<form method="post" action="${base}/admin/candidates/${c.id?c}/accept">
<@layout.csrfField/>
<label for="summary-${c.id?c}">Summary</label>
<textarea id="summary-${c.id?c}" name="summary" maxlength="5000">${c.summary}</textarea>
<div class="row">
<div><label for="category-${c.id?c}">Category</label>
<select id="category-${c.id?c}" name="category">
<#list categories as k><option value="${k.slug}"<#if k.slug == c.categorySlug> selected</#if>>${k.name}</option></#list>
</select></div>
</div>
<div class="actions">
<button type="submit" name="publish" value="" class="secondary accept-draft">Accept as draft</button>
<button type="submit" name="publish" value="now" class="accept-publish">Accept and publish</button>
<a href="${base}/admin/candidates/${c.id?c}">Edit everything</a>
</div>
</form>
<form method="post" action="${base}/admin/candidates/${c.id?c}/dismiss" class="dismissal"><@layout.csrfField/><button type="submit" class="link dismiss">Dismiss</button></form>
</div>
</#list>
</@layout.page>
