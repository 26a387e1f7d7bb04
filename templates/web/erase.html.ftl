<#ftl output_format="HTML" strip_whitespace=true>
<#-- Model: email, csrf, exportUrl, preferencesUrl. Posts to this same URL. -->
<#import "layout.html.ftl" as layout>
<@layout.page title=t("erase.title")>
<h1>${t.html("erase.heading", "<bdi class=\"addr\">"?no_esc + email + "</bdi>"?no_esc)}</h1>
<p>${t("erase.body")}</p>
<p>${t.html("erase.export", '<a href="'?no_esc + exportUrl + '">'?no_esc + t("erase.download") + "</a>"?no_esc)}</p>
<form method="post">
<input type="hidden" name="csrf" value="${csrf}">
<button type="submit" class="danger">${t("erase.button")}</button>
</form>
<p class="muted footnote"><a href="${preferencesUrl}">${t("erase.back")}</a></p>
</@layout.page>
