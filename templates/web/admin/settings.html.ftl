<#ftl output_format="HTML" strip_whitespace=true>
<#-- Model: AccountPages.SettingsView: settings (SettingRow: key, value; secrets masked). -->
<#import "layout.html.ftl" as layout>
<@layout.page title="Settings">
<h1>Settings</h1>
<p class="hint">What this process was started with (environment variables, or the --config file). Anything not listed is at its default (see the README). Change them where the service is deployed and restart it.</p>
<div class="table-scroll">
<table id="settings">
<thead><tr><th>Setting</th><th>Value</th></tr></thead>
<tbody>
<#list settings as s><tr><td>${s.key}</td><td>${s.value}</td></tr></#list>
</tbody>
</table>
</div>
</@layout.page>
