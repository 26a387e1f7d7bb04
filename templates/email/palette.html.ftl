<#ftl output_format="HTML" strip_whitespace=true>
<#--
  The colours and font of every HTML e-mail, light and dark: the digest (digest.html.ftl) and the self-service notices
  (notice-layout.html.ftl, which confirm.html.ftl and manage.html.ftl use). Change a colour here and both follow. The
  same colours as the web pages (web/palette.css.ftl); text, muted, link and label are at least 4.5:1 on the card.

  Mail clients are not browsers: Gmail for non-Google accounts drops a <style> block, Outlook for Windows (Word's
  engine) ignores much of it, and Gmail keeps no <body> styles. So the light design is written in style attributes
  (with the variables below), and <@darkMode/> only adds, in the <head>, the dark scheme for the clients that have one
  (Apple Mail, iOS, Outlook.com, Outlook for Mac): its rules override the inline colours through the pd-* classes, and
  a client that drops the block shows the light design.
-->
<#assign
  text = "#1f2328"
  muted = "#57606a"
  link = "#0b5cad"
  label = "#0a7c66"
  background = "#f2f3f5"
  card = "#ffffff"
  rule = "#e1e4e8"
  button = "#0b5cad"
  buttonText = "#ffffff"
  font = "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif"?no_esc
>
<#-- The dark scheme: put pd-bg, pd-card, pd-rule, pd-text, pd-muted, pd-link or pd-label on an element with the
  matching light colour inline. -->
<#macro darkMode>
<style>
:root { color-scheme: light dark; supported-color-schemes: light dark; }
@media (prefers-color-scheme: dark) {
  .pd-bg { background-color: #0d1117 !important; }
  .pd-card { background-color: #161b22 !important; border-color: #30363d !important; }
  .pd-rule { border-color: #30363d !important; }
  .pd-text { color: #e6edf3 !important; }
  .pd-muted { color: #9da7b3 !important; }
  .pd-link { color: #6cb6ff !important; }
  .pd-label { color: #3fb9a0 !important; }
}
</style>
</#macro>
