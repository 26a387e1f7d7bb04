package com.picksdigest.schedule;

/**
 * A piece of recurring work for the cluster: Quartz fires it on one node per firing.
 *
 * @param name unique job name (also its key in the QRTZ_ tables)
 * @param cron Quartz cron expression, e.g. "0 0 * * * ?" for every hour at :00
 */
public record ScheduledTask(String name, String cron, Runnable work) {}
