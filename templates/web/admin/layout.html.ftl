<#ftl output_format="HTML" strip_whitespace=true>
<#--
  The workspace layout. Plain HTML, CSS in <style>, no JavaScript (the strict CSP allows none); usable on a phone.
  Colours, light and dark, come from ../palette.css.ftl (shared with the public pages); pages use the classes below,
  never style attributes.
  Model on every page: siteName, base (path prefix), me (email, name, admin) and csrf once signed in, nav, notice.
  Optional: refresh (seconds) reloads the page while something runs.
  Every ${...} is HTML-escaped.
-->
<#macro page title>
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex">
<#if refresh??><meta http-equiv="refresh" content="${refresh?c}"></#if>
<title>${title} · ${siteName} workspace</title>
<style>
<#include "/web/palette.css.ftl">
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--text); font: 15px/1.45 -apple-system, BlinkMacSystemFont,
  "Segoe UI", Roboto, Helvetica, Arial, sans-serif; -webkit-text-size-adjust: 100%; }
header { background: var(--card); border-bottom: 1px solid var(--line); padding: 8px 12px; display: flex; flex-wrap: wrap;
  gap: 4px 14px; align-items: center; }
.brand { font-weight: 700; color: var(--text); text-decoration: none; margin-right: 8px; }
nav { display: flex; flex-wrap: wrap; gap: 2px 12px; flex: 1; }
nav a { color: var(--link); text-decoration: none; padding: 6px 0; }
nav a[aria-current] { font-weight: 700; color: var(--text); border-bottom: 2px solid var(--text); }
main { max-width: 1100px; margin: 16px auto; padding: 0 12px 40px; }
h1 { font-size: 22px; margin: 0 0 14px; overflow-wrap: anywhere; }
h2 { font-size: 17px; margin: 22px 0 8px; }
a { color: var(--link); }
.muted, .hint { color: var(--muted); font-size: 13px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 14px; margin-bottom: 14px; }
.notice { border-radius: 6px; padding: 10px 12px; margin: 0 0 14px; overflow-wrap: anywhere; }
.notice.ok { background: var(--okbg); color: var(--ok); }
.notice.error { background: var(--errbg); color: var(--err); }
.field-error { color: var(--err); font-size: 14px; margin: 4px 0 0; overflow-wrap: anywhere; }
.invalid { border-color: var(--err) !important; }
label { display: block; font-weight: 600; margin: 12px 0 4px; }
input[type=text], input[type=url], input[type=email], input[type=password], input[type=date], input[type=datetime-local],
input[type=search], select, textarea { width: 100%; font: inherit; padding: 7px 9px; border: 1px solid var(--line);
  border-radius: 6px; background: var(--card); color: var(--text); }
textarea { min-height: 90px; resize: vertical; }
button { font: inherit; font-weight: 600; padding: 7px 14px; border: 0; border-radius: 6px; background: var(--btn);
  color: var(--btntext); cursor: pointer; min-height: 36px; }
button.secondary { background: transparent; color: var(--link); border: 1px solid var(--line); }
button.danger { background: var(--err); }
button.link { background: none; color: var(--link); padding: 0; min-height: 0; font-weight: 400; }
form.inline { display: inline; margin: 0; }
.row { display: flex; flex-wrap: wrap; gap: 10px; align-items: flex-end; }
.row > * { flex: 1 1 160px; }
.row > .fit { flex: 0 0 auto; }
.row > .wide { flex: 3 1 300px; }
.row.tight { gap: 6px; }
.page-head { align-items: center; margin-bottom: 12px; }
.page-head > * { margin: 0; }
.page-head > h1 { flex: 1 1 auto; }
.card-title { margin-top: 0; }
label.check { font-weight: 400; }
.actions { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 14px; align-items: center; }
.actions.toolbar { margin: 0 0 14px; }
.w-sm { max-width: 420px; }
.w-md { max-width: 480px; }
.w-lg { max-width: 520px; }
.signin { margin: 40px auto; }
table { width: 100%; border-collapse: collapse; background: var(--card); border: 1px solid var(--line); border-radius: 8px; }
th, td { text-align: left; padding: 8px; border-top: 1px solid var(--line); vertical-align: top; overflow-wrap: anywhere; }
th { font-size: 13px; color: var(--muted); border-top: 0; }
td.num, th.num { text-align: right; white-space: nowrap; }
.status { font-size: 12px; font-weight: 700; text-transform: uppercase; letter-spacing: .03em; color: var(--muted); }
.status.published { color: var(--ok); }
.status.retracted { color: var(--err); }
.candidate h2 { margin: 4px 0; }
.candidate .dismissal { margin-top: 8px; }
.preview { display: flex; flex-wrap: wrap; gap: 14px; }
.preview > div { flex: 1 1 420px; min-width: 0; }
iframe { width: 100%; height: 720px; border: 1px solid var(--line); border-radius: 8px; background: #fff; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: var(--card); border: 1px solid var(--line);
  border-radius: 8px; padding: 12px; margin: 0; font-size: 13px; max-height: 720px; overflow: auto; }
.tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 14px; }
.tiles > .card { margin: 0; }
table.figures { border: 0; }
table.figures th, .chart-table tbody th { border-top: 1px solid var(--line); color: var(--text); font-weight: 600; }
table.figures tr:first-child > * { border-top: 0; }
.table-scroll { overflow-x: auto; max-height: 420px; overflow-y: auto; }
.table-scroll table { min-width: 100%; }
.table-scroll th, .table-scroll td { overflow-wrap: normal; white-space: nowrap; }
.chart-figure { margin: 0 0 10px; }
svg.chart { display: block; width: 100%; height: auto; color: var(--text); }
svg.chart .grid { stroke: var(--line); stroke-width: 1; }
svg.chart .axis { stroke: currentColor; stroke-width: 1; }
svg.chart .tick { fill: var(--muted); font-size: 11px; }
svg.chart .line { fill: none; stroke-width: 2; }
.s0 { fill: var(--link); stroke: var(--link); }
.s1 { fill: var(--err); stroke: var(--err); }
.s2 { fill: var(--ok); stroke: var(--ok); }
.s3 { fill: var(--muted); stroke: var(--muted); }
svg.chart .line.s0, svg.chart .line.s1, svg.chart .line.s2, svg.chart .line.s3 { fill: none; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: 13px; }
.legend .key { fill: none; stroke: none; }
.legend .key::before { content: ""; display: inline-block; width: 10px; height: 10px; margin-right: 5px; border-radius: 2px;
  background: currentColor; }
.legend .key.s0::before { background: var(--link); } .legend .key.s1::before { background: var(--err); }
.legend .key.s2::before { background: var(--ok); } .legend .key.s3::before { background: var(--muted); }
.legend .key { color: var(--text); }
a[aria-current] { font-weight: 700; }
@media (max-width: 640px) { svg.chart .tick { font-size: 20px; } }
@media (max-width: 640px) { .hide-narrow { display: none; } th, td { padding: 6px 4px; } }
</style>
</head>
<body>
<header>
<a class="brand" href="${base}/admin/picks">${siteName}</a>
<#if me??>
<#assign current = nav!"">
<nav aria-label="Workspace">
<a href="${base}/admin"<#if current == "dashboard"> aria-current="page"</#if>>Dashboard</a>
<a href="${base}/admin/picks"<#if current == "picks"> aria-current="page"</#if>>Picks</a>
<a href="${base}/admin/candidates"<#if current == "candidates"> aria-current="page"</#if>>Candidates</a>
<a href="${base}/admin/categories"<#if current == "categories"> aria-current="page"</#if>>Categories</a>
<a href="${base}/admin/feeds"<#if current == "feeds"> aria-current="page"</#if>>Feeds</a>
<a href="${base}/admin/notes"<#if current == "notes"> aria-current="page"</#if>>Notes</a>
<a href="${base}/admin/preview"<#if current == "preview"> aria-current="page"</#if>>Preview</a>
<a href="${base}/admin/reports"<#if current == "reports"> aria-current="page"</#if>>Reports</a>
<a href="${base}/admin/subscribers"<#if current == "subscribers"> aria-current="page"</#if>>Subscribers</a>
<#if me.admin>
<a href="${base}/admin/editors"<#if current == "editors"> aria-current="page"</#if>>Editors</a>
<a href="${base}/admin/settings"<#if current == "settings"> aria-current="page"</#if>>Settings</a>
<a href="${base}/admin/audit"<#if current == "audit"> aria-current="page"</#if>>Audit log</a>
<a href="${base}/admin/api-keys"<#if current == "api-keys"> aria-current="page"</#if>>API keys</a>
<a href="${base}/admin/webhooks"<#if current == "webhooks"> aria-current="page"</#if>>Webhooks</a>
</#if>
</nav>
<a href="${base}/admin/account" class="muted">${me.email}</a>
<form method="post" action="${base}/admin/logout" class="inline"><@csrfField/><button type="submit" class="link">Sign out</button></form>
</#if>
</header>
<main>
<#if notice??><p class="notice ok" role="status">${notice}</p></#if>
<#nested>
</main>
</body>
</html>
</#macro>

<#macro csrfField><input type="hidden" name="csrf" value="${csrf}"></#macro>

<#-- A message next to a field when the submitted form refused it. -->
<#macro fieldError errors name><#if errors[name]??><p class="field-error" id="${name}-error" role="alert">${errors[name]}</p></#if></#macro>

<#function invalid errors name><#return errors[name]???then(" class=\"invalid\" aria-invalid=\"true\" aria-describedby=\"" + name + "-error\"", "")></#function>
