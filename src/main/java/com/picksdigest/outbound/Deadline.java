package com.picksdigest.outbound;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One fetch's end time. Socket timeouts only bound each read, so a server sending a byte a second would never
 * trip them; {@link #closeAtDeadline} closes the socket when the time is up, which fails whatever read, write or
 * TLS handshake is in progress, and reads also check the time between chunks.
 */
final class Deadline {
    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private final Duration total;
    private final long endNanos;

    private Deadline(Duration total) {
        this.total = total;
        this.endNanos = System.nanoTime() + total.toNanos();
    }

    static Deadline after(Duration total) {
        return new Deadline(total);
    }

    long remainingMillis() {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(endNanos - System.nanoTime()));
    }

    boolean passed() {
        return endNanos - System.nanoTime() <= 0;
    }

    /** A socket timeout for the next blocking call: what is left, at least 1 ms (0 would mean forever). */
    int socketTimeout() throws OutboundException {
        check();
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, remainingMillis()));
    }

    void check() throws OutboundException {
        if (passed()) throw expired();
    }

    OutboundException expired() {
        return new OutboundException("no complete answer within " + seconds() + " s");
    }

    /** @return cancels the watch; call it once the socket is done with */
    Runnable closeAtDeadline(Socket socket) {
        ScheduledFuture<?> f = TIMER.schedule(
                () -> {
                    try {
                        socket.close();
                    } catch (IOException e) {
                        // closing is all we wanted; the fetch fails with the deadline message
                    }
                },
                Math.max(0, endNanos - System.nanoTime()),
                TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    private String seconds() {
        long ms = total.toMillis();
        return ms % 1000 == 0 ? String.valueOf(ms / 1000) : String.valueOf(ms / 1000.0);
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread th = new Thread(r, "outbound-deadline");
            th.setDaemon(true);
            return th;
        });
        t.setRemoveOnCancelPolicy(true);
        return t;
    }
}
