package com.picksdigest.subscribers;

import java.util.List;

/** A new subscriber as typed (CLI, CSV line, form); every field but email may be null for its default. */
public record SubscriberInput(
        String email,
        String name,
        String timezone,
        Integer sendHour,
        String frequency,
        Integer weekday,
        String format,
        String locale,
        List<String> categories) {}
