<#--
  The colours of every web page, the public ones (layout.html.ftl) and the workspace (admin/layout.html.ftl), light
  and dark, included into each layout's <style> (the pages' policy allows no stylesheet files). Change a colour here
  and both follow. The same colours as the e-mails (email/palette.html.ftl): text, muted and link are at least 4.5:1
  on the card in both schemes.
-->
:root { color-scheme: light dark; --text: #1f2328; --muted: #57606a; --link: #0b5cad; --bg: #f2f3f5; --card: #fff;
  --line: #d0d7de; --ok: #1a7f37; --okbg: #dafbe1; --err: #b42318; --errbg: #fee4e2; --btn: #0b5cad; --btntext: #fff; }
@media (prefers-color-scheme: dark) {
  :root { --text: #e6edf3; --muted: #9da7b3; --link: #6cb6ff; --bg: #0d1117; --card: #161b22; --line: #30363d;
    --ok: #56d364; --okbg: #12261e; --err: #ff7b72; --errbg: #2d1214; --btn: #388bfd; --btntext: #fff; }
}
