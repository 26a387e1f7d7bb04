package com.picksdigest.web.admin;

/** An endpoint on the webhooks list with its deliveries counted by state. Public: FreeMarker reads only public classes' accessors. */
public record WebhookEndpointRow(WebhookEndpointState endpoint, int waiting, int delivered, int failed) {}
