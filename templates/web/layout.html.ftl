<#ftl output_format="HTML" strip_whitespace=true>
<#--
  The one layout of the public pages. Plain HTML and CSS in <style> (the CSP allows no scripts and no external files),
  readable on a phone. Token pages and errors are noindex; the archive passes indexable=true.
  Every page's model has siteName, archiveUrl and subscribeUrl; archive pages add canonicalUrl, description and feedUrl.
  Every ${...} is HTML-escaped.
  Colours, light and dark, come from palette.css.ftl (shared with the workspace); pages use the classes below, never
  style attributes.
-->
<#macro page title indexable=false>
<!DOCTYPE html>
<html lang="${t.lang}" dir="${t.dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="referrer" content="no-referrer">
<#if !indexable><meta name="robots" content="noindex"></#if>
<title>${title} · ${siteName}</title>
<#-- Archive pages pass canonicalUrl (absolute), description and feedUrl: link previews and feed readers use them. -->
<#if canonicalUrl??>
<link rel="canonical" href="${canonicalUrl}">
<meta property="og:type" content="website">
<meta property="og:site_name" content="${siteName}">
<meta property="og:title" content="${title}">
<meta property="og:url" content="${canonicalUrl}">
<meta name="twitter:card" content="summary">
<meta name="twitter:title" content="${title} · ${siteName}">
<#if description?has_content>
<meta name="description" content="${description}">
<meta property="og:description" content="${description}">
<meta name="twitter:description" content="${description}">
</#if>
</#if>
<#if feedUrl??><link rel="alternate" type="application/atom+xml" title="${siteName}" href="${feedUrl}"></#if>
<style>
<#include "/web/palette.css.ftl">
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--text); font: 16px/1.5 -apple-system, BlinkMacSystemFont,
  "Segoe UI", Roboto, Helvetica, Arial, sans-serif; -webkit-text-size-adjust: 100%; }
.wrap { max-width: 560px; margin: 0 auto; padding: 16px 12px 40px; }
.site { display: inline-block; margin: 4px 0 12px; font-size: 20px; font-weight: 700; color: var(--text); text-decoration: none; }
main { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 20px; }
h1 { font-size: 22px; line-height: 1.3; margin: 0 0 12px; overflow-wrap: break-word; }
h2 { font-size: 17px; margin: 20px 0 6px; }
p { margin: 0 0 12px; }
a { color: var(--link); }
.muted, .hint { color: var(--muted); font-size: 14px; }
.addr { font-weight: 600; overflow-wrap: break-word; }
.notice { border-radius: 6px; padding: 10px 12px; margin: 0 0 16px; }
.notice.ok { background: var(--okbg); color: var(--ok); }
.notice.error { background: var(--errbg); color: var(--err); overflow-wrap: anywhere; }
label { display: block; font-weight: 600; margin: 16px 0 4px; }
fieldset { border: 0; padding: 0; margin: 16px 0 0; }
legend { font-weight: 600; padding: 0; margin-bottom: 4px; }
fieldset label, label.check { display: flex; gap: 8px; align-items: center; font-weight: 400; margin: 6px 0; }
input[type=text], input[type=email], select { width: 100%; font: inherit; padding: 8px 10px; border: 1px solid var(--line);
  border-radius: 6px; background: var(--card); color: var(--text); }
input[type=checkbox], input[type=radio] { width: 20px; height: 20px; margin: 0; }
.row { display: flex; gap: 12px; align-items: flex-end; }
.langs { display: flex; flex-wrap: wrap; gap: 4px 12px; margin: 8px 0 0; padding: 0; list-style: none; }
.langs [aria-current] { font-weight: 700; color: var(--text); text-decoration: none; }
.row > div { flex: 1; }
button { font: inherit; font-weight: 600; margin-top: 20px; padding: 10px 18px; border: 0; border-radius: 6px;
  background: var(--btn); color: var(--btntext); cursor: pointer; min-height: 44px; }
button.danger { background: var(--err); }
.picks { list-style: none; padding: 0; margin: 0; }
.picks li { padding: 14px 0; border-top: 1px solid var(--line); }
.picks li:first-child { border-top: 0; padding-top: 0; }
.label { font-size: 12px; font-weight: 700; letter-spacing: .04em; text-transform: uppercase; color: var(--muted); }
.title { display: block; font-size: 17px; font-weight: 600; margin: 2px 0 4px; overflow-wrap: break-word; }
.footnote { margin-top: 20px; }
.cta { margin: 20px 0 0; padding: 12px; border-radius: 6px; background: var(--okbg); color: var(--text); }
footer { margin-top: 16px; font-size: 14px; color: var(--muted); }
</style>
</head>
<body>
<div class="wrap">
<a class="site" href="${archiveUrl}">${siteName}</a>
<main>
<#nested>
</main>
<footer><a href="${archiveUrl}">${t("page.pastEditions")}</a> &middot; <a href="${subscribeUrl}">${t("page.subscribe")}</a>
<#if chooseLanguage??><ul class="langs" aria-label="${t("page.language")}"><#list languages as l><li><a href="?lang=${l.tag}" lang="${l.tag}" hreflang="${l.tag}"<#if l.tag == t.lang> aria-current="true"</#if>>${l.name}</a></li></#list></ul></#if>
</footer>
</div>
</body>
</html>
</#macro>
