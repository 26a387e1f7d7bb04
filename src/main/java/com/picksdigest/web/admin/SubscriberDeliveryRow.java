package com.picksdigest.web.admin;

import com.picksdigest.db.types.DeliveryStatus;
import com.picksdigest.reports.SubscriberHistory;
import java.util.List;

/**
 * A digest due to a subscriber, with the relay's last reply and the picks it held, in digest order
 * (subscriber.html.ftl). Public: FreeMarker reads only public classes' accessors.
 */
public record SubscriberDeliveryRow(
        String edition,
        DeliveryStatus status,
        int attempts,
        String sentAt,
        String reply,
        List<SubscriberHistory.PickHeld> picks) {}
