<#ftl output_format="HTML" strip_whitespace=true>
<#-- Model: nothing of the subscriber: they are gone. -->
<#import "layout.html.ftl" as layout>
<@layout.page title="Erased">
<h1>Your data is erased</h1>
<p>We deleted everything we stored about you. Every link in our earlier e-mails to you has stopped working.</p>
</@layout.page>
