package com.picksdigest.schedule;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;

/** Runs one ScheduledTask; thin on purpose, the work lives in the feature classes. */
@DisallowConcurrentExecution
final class TaskJob implements Job {
    private final Runnable work;

    TaskJob(Runnable work) {
        this.work = work;
    }

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        try {
            work.run();
        } catch (RuntimeException e) {
            // Quartz logs the cause; the next firing tries again, and every task is idempotent.
            throw new JobExecutionException(e.getMessage(), e, false);
        }
    }
}
