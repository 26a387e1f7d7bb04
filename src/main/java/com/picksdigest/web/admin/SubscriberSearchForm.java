package com.picksdigest.web.admin;

/**
 * The subscribers search as its form shows it, "" for a field not given (category by id). Public: FreeMarker reads
 * only public classes' accessors.
 */
public record SubscriberSearchForm(String q, String name, String status, String category, String from, String to) {}
