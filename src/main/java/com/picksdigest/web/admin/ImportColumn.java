package com.picksdigest.web.admin;

/**
 * A column of an uploaded CSV file and the subscriber field it is imported as, "" when it is ignored
 * (subscriber-import-preview.html.ftl). Public: FreeMarker reads only public classes' accessors.
 */
public record ImportColumn(String column, String field) {}
