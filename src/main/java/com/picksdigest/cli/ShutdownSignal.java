package com.picksdigest.cli;

import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into a latch the serve loop waits on, so the main thread shuts down in order and
 * the process exits 0 (a JVM shutdown hook alone would end with status 143).
 */
final class ShutdownSignal {
    private final CountDownLatch stop = new CountDownLatch(1);

    ShutdownSignal install() {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), s -> stop.countDown());
            } catch (IllegalArgumentException unsupported) {
                // that signal is not available on this platform; the other one still is
            }
        }
        return this;
    }

    void await() throws InterruptedException {
        stop.await();
    }

    void trigger() {
        stop.countDown();
    }
}
