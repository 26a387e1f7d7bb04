package com.picksdigest.schedule;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;

/** The hourly dispatch; thin on purpose: the work is the Runnable it is given. */
@DisallowConcurrentExecution
public final class DispatchJob implements Job {
    private final Runnable dispatch;

    public DispatchJob(Runnable dispatch) {
        this.dispatch = dispatch;
    }

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        try {
            dispatch.run();
        } catch (RuntimeException e) {
            // Quartz logs the cause; the next firing (or the startup catch-up) tries again, and enqueueing is idempotent.
            throw new JobExecutionException(e.getMessage(), e, false);
        }
    }
}
