package com.picksdigest.web.admin;

/**
 * An audit log entry (audit.html.ftl): subject with its id when it has one, detail "" for none. Public: FreeMarker
 * reads only public classes' accessors.
 */
public record AuditRow(String at, String actor, String action, String subject, String detail) {}
