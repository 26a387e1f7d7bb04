package com.picksdigest.web;

import java.util.List;

/**
 * What a reader chooses in the subscription form that the sign-up page and the preference centre share
 * (subscription-form.html.ftl), as stored or as typed into a refused form.
 *
 * @param zones the time zones the form offers
 */
public record SubscriptionChoices(
        String name,
        List<FormCategory> categories,
        String frequency,
        int weekday,
        String hour,
        String timezone,
        List<String> zones,
        String format) {}
