package com.picksdigest.cli;

import java.util.concurrent.CountDownLatch;

/**
 * Turns the JVM's shutdown (SIGTERM, SIGINT) into a latch the serve loop waits on, so the main thread stops in
 * order. The shutdown hook then waits for that stop to finish and, when it completed, ends the process with 0: a
 * stop that was asked for and done is a success, where the JVM alone would report 143 for SIGTERM.
 */
final class ShutdownSignal implements AutoCloseable {
    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook = new Thread(this::onShutdown, "shutdown");
    private volatile boolean completed;

    ShutdownSignal install() {
        Runtime.getRuntime().addShutdownHook(hook);
        return this;
    }

    void await() throws InterruptedException {
        stop.await();
    }

    /** Everything was stopped in order: a shutdown waiting on it may report success. */
    void completed() {
        completed = true;
    }

    /** The serve loop is over, in order or not; while no shutdown has begun, the hook is not needed any more. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            finished.countDown();
        }
    }

    private void onShutdown() {
        stop.countDown();
        try {
            finished.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        // without completed() the JVM's own status stands (143 for SIGTERM)
        if (completed) Runtime.getRuntime().halt(0);
    }
}
