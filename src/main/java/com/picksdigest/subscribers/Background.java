package com.picksdigest.subscribers;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work the self-service pages do after answering: looking the address up and mailing it. Answering first makes the
 * response the same, in content and in time, whether or not the address is known. One thread, in order; a bounded
 * queue so a flood cannot grow memory (the caller answers 503 when it is full).
 */
public final class Background implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Background.class);
    static final int QUEUE = 1000;

    private final ThreadPoolExecutor executor =
            new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
                Thread t = new Thread(r, "self-service");
                t.setDaemon(true);
                return t;
            });

    /** Queues {@code work}; false when the queue is full or closed. A failure is logged in one line, naming {@code what}. */
    public boolean submit(String what, Runnable work) {
        try {
            executor.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    log.warn(
                            "{} failed: {}",
                            what,
                            e.getMessage() == null
                                    ? e.toString()
                                    : e.getMessage().lines().findFirst().orElse(""));
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** Finishes what is queued (up to 10 s: a few mails), then stops. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) executor.shutdownNow();
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
