package com.picksdigest.web.admin;

/**
 * One delivery in an endpoint's log (webhook.html.ftl): status is the last HTTP status, "" for none, as are error and
 * the times; nextAttempt only while queued. Public: FreeMarker reads only public classes' accessors.
 */
public record WebhookDeliveryRow(
        String type,
        String messageId,
        String subject,
        String at,
        String state,
        int attempts,
        String status,
        String error,
        String lastAttempt,
        String nextAttempt) {}
