package com.picksdigest.web.admin;

/** A setting in force on the settings page, its value masked when secret. Public: FreeMarker reads only public classes' accessors. */
public record SettingRow(String key, String value) {}
