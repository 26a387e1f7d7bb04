package com.picksdigest.schedule;

/** When the cluster's recurring tasks fire, as Quartz cron expressions: every schedule of the application, in one place. */
public final class Schedules {
    /** Every hour on the hour: the dispatch, whose subscribers' send hours are whole hours. */
    public static final String HOURLY = "0 0 * * * ?";
    /** Every hour at half past: housekeeping, away from the dispatch at the top of the hour. */
    public static final String HOURLY_AT_HALF_PAST = "0 30 * * * ?";
    /** Every five minutes: the mailboxes and feeds, each of which decides itself whether its time has come. */
    public static final String EVERY_FIVE_MINUTES = "0 0/5 * * * ?";

    private Schedules() {}
}
