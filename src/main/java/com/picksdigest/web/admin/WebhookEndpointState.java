package com.picksdigest.web.admin;

/**
 * A webhook endpoint as both webhook pages show it (webhooks.html.ftl, webhook.html.ftl): times as the editors read
 * them and "" (status, texts, times) for none. Public: FreeMarker reads only public classes' accessors.
 */
public record WebhookEndpointState(
        long id,
        String url,
        String eventTypes,
        boolean enabled,
        boolean paused,
        String pausedAt,
        String pausedReason,
        int failures,
        String failingSince,
        String lastStatus,
        String lastError,
        String lastAttempt,
        String lastSuccess) {}
