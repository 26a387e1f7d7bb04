<#ftl output_format="HTML" strip_whitespace=true>
<#--
  Model (PreviewPage.View): email, categories (PreviewCategory: slug, name, checked); after "show": description, error (optional), and when a digest
  would go out: subject, text, frameUrl (the HTML part, served sandboxed by /admin/preview/html).
-->
<#import "layout.html.ftl" as layout>
<@layout.page title="Preview">
<h1>Preview the next digest</h1>
<form method="get" action="${base}/admin/preview" class="card">
<input type="hidden" name="show" value="1">
<label for="email">As the subscriber</label>
<input type="email" id="email" name="email" value="${email}" maxlength="254" placeholder="reader@example.org">
<p class="hint">Or leave it empty and preview for a new daily subscriber following these categories (none ticked: all):</p>
<div class="row">
<#list categories as c><label class="check fit"><input type="checkbox" name="category" value="${c.slug}"<#if c.checked> checked</#if>> ${c.name}</label></#list>
</div>
<div class="actions"><button type="submit">Preview</button></div>
</form>
<#if description??>
<p><strong>Showing:</strong> ${description}</p>
<#if error??><p class="notice error" role="alert">${error}</p></#if>
<#if subject??>
<form method="post" action="${base}/admin/preview/send" class="actions toolbar">
<@layout.csrfField/>
<#if email?has_content><input type="hidden" name="email" value="${email}"></#if>
<#list categories as c><#if c.checked><input type="hidden" name="category" value="${c.slug}"></#if></#list>
<button type="submit" id="send-test">Send test to me</button>
<span class="muted">to ${me.email}; its links to unsubscribe and preferences are disabled</span>
</form>
<p><strong>Subject:</strong> <span id="subject">${subject}</span></p>
<div class="preview">
<div><h2>HTML</h2><iframe id="html-preview" src="${frameUrl}" sandbox="allow-popups allow-popups-to-escape-sandbox" title="HTML part of the digest"></iframe></div>
<div><h2>Text</h2><pre id="text-preview">${text}</pre></div>
</div>
</#if>
</#if>
</@layout.page>
