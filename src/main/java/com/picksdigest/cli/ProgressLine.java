package com.picksdigest.cli;

import com.picksdigest.delivery.RunStats;
import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** A periodic progress line for long sends: counts, rate and ETA; one line each time so logs stay readable. */
final class ProgressLine implements AutoCloseable {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "progress");
        t.setDaemon(true);
        return t;
    });
    private final long start = System.nanoTime();

    ProgressLine(PrintWriter err, RunStats stats, LongSupplier remaining, long periodMillis) {
        timer.scheduleAtFixedRate(
                () -> {
                    double secs = (System.nanoTime() - start) / 1e9;
                    long done = stats.finished();
                    double rate = secs > 0 ? done / secs : 0;
                    long left;
                    try {
                        left = remaining.getAsLong();
                    } catch (RuntimeException e) {
                        return;
                    }
                    String eta = rate > 0 ? Math.round(left / rate) + " s" : "-";
                    err.printf(
                            "... sent %d, skipped %d, failed %d, suppressed %d | %.1f msg/s | %d left, ETA %s%n",
                            stats.sent.sum(),
                            stats.skipped.sum(),
                            stats.failed.sum(),
                            stats.suppressed.sum(),
                            rate,
                            left,
                            eta);
                    err.flush();
                },
                periodMillis,
                periodMillis,
                TimeUnit.MILLISECONDS);
    }

    double elapsedSeconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
