package com.picksdigest.mail.smtp;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Sockets have a read timeout but no write timeout: a relay that stops reading would hold a worker in write()
 * forever. One daemon thread looks at the writes in progress twice a second and closes the socket of any that
 * has taken longer than its timeout, which makes the write fail with an IOException.
 */
final class WriteWatchdog {
    static final WriteWatchdog INSTANCE = new WriteWatchdog();
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
    private Thread thread;

    private WriteWatchdog() {}

    /** A watch for one connection; {@code onStall} closes it. */
    Watch watch(Runnable onStall, Duration timeout) {
        Watch w = new Watch(onStall, timeout.toNanos());
        watches.add(w);
        startThread();
        return w;
    }

    private synchronized void startThread() {
        if (thread != null) return;
        thread = new Thread(this::loop, "smtp-write-watchdog");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (true) {
            LockSupport.parkNanos(TICK_NANOS);
            long now = System.nanoTime();
            for (Watch w : watches) {
                long since = w.writingSince;
                if (since != 0 && now - since > w.timeoutNanos) {
                    w.writingSince = 0;
                    w.onStall.run();
                }
            }
        }
    }

    final class Watch {
        private final Runnable onStall;
        private final long timeoutNanos;
        private volatile long writingSince;

        private Watch(Runnable onStall, long timeoutNanos) {
            this.onStall = onStall;
            this.timeoutNanos = timeoutNanos;
        }

        void start() {
            long now = System.nanoTime();
            writingSince = now == 0 ? 1 : now;
        }

        void stop() {
            writingSince = 0;
        }

        void cancel() {
            watches.remove(this);
        }
    }
}
