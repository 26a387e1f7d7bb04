package com.picksdigest.delivery;

import com.picksdigest.schedule.ScheduledTask;
import com.picksdigest.schedule.Schedules;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edition loop of one process: the hourly dispatch creates the deliveries that have become due, and the send
 * workers take them through claim, plan, build, send and record.
 */
public final class Sending implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Sending.class);
    public static final String DISPATCH_TASK = "dispatch";

    /** One run of the dispatch: how many deliveries it created and how long that took. */
    public record Dispatch(int created, Duration took) {}

    private final DueDeliveries due;
    private final SendWorkers workers;
    private final EditionCompletion completion;
    private final Clock clock;
    private final AtomicReference<Dispatch> last = new AtomicReference<>();

    public Sending(DueDeliveries due, SendWorkers workers, EditionCompletion completion, Clock clock) {
        this.due = due;
        this.workers = workers;
        this.completion = completion;
        this.clock = clock;
    }

    /** The hourly task for the cluster's scheduler. */
    public ScheduledTask dispatchTask() {
        return new ScheduledTask(DISPATCH_TASK, Schedules.HOURLY, this::dispatch);
    }

    /**
     * The hourly job's work: create the deliveries whose hour has come, wake the workers, and mark the editions
     * that are over as completed.
     */
    public Dispatch dispatch() {
        long t0 = System.nanoTime();
        int created = due.enqueue(clock.instant(), DueDeliveries.Mode.AT_SEND_HOUR, Optional.empty());
        Dispatch d = new Dispatch(created, Duration.ofNanos(System.nanoTime() - t0));
        log.info(
                "Dispatch: {} new deliveries queued in {} ms", created, d.took().toMillis());
        last.set(d);
        workers.wake();
        List<LocalDate> completed = completion.run(LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
        if (!completed.isEmpty()) log.info("Editions completed: {}", completed);
        return d;
    }

    /** The last dispatch this process ran, if any (the demo and the bench wait for the one Quartz fires). */
    public Optional<Dispatch> lastDispatch() {
        return Optional.ofNullable(last.get());
    }

    /** Everyone due today whatever their hour (send-now), or one subscriber by address key. */
    public int enqueueAll(Optional<String> onlyEmailKey) {
        return due.enqueue(clock.instant(), DueDeliveries.Mode.ANY_HOUR, onlyEmailKey);
    }

    public SendWorkers workers() {
        return workers;
    }

    @Override
    public void close() {
        workers.close();
    }
}
