package com.picksdigest.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polling for something another process or thread will make true, with a message worth reading when it does not. */
public final class Await {
    private Await() {}

    /** @return how long it took */
    public static Duration until(Duration timeout, BooleanSupplier condition, Supplier<String> context)
            throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout.toSeconds() + " s: " + context.get());
            }
            Thread.sleep(50);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
