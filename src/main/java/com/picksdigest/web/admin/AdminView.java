package com.picksdigest.web.admin;

/**
 * A workspace page's model as a record: each record component is a top-level name in the page's template, beside
 * the layout's (siteName, base, me, csrf, nav, notice), so a name the Java side misspells does not compile. Rows
 * and forms the template reads inside it are public records too: FreeMarker reads only public classes' accessors.
 */
interface AdminView {
    /** The workspace menu item the page belongs under (layout.html.ftl marks it current). */
    String nav();
}
