package com.picksdigest.delivery;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One worker's outcomes waiting to be written. Written every {@code PICKS_SEND_RECORD_EVERY} sends, once the oldest
 * has waited a second, and at the end of each batch: a crash loses at most that many records per worker (and never
 * more than its last second of sends), and those are the only messages a restart can send twice (a graceful stop
 * writes them all).
 */
final class LedgerWrites {
    private static final long RECORD_WITHIN = TimeUnit.SECONDS.toNanos(1);

    private final DeliveryLedger ledger;
    private final int recordEvery;
    private final Clock clock;
    private final List<DeliveryLedger.Sent> sent = new ArrayList<>();
    private final List<DeliveryLedger.Finished> finished = new ArrayList<>();
    private long oldestNanos;

    LedgerWrites(DeliveryLedger ledger, int recordEvery, Clock clock) {
        this.ledger = ledger;
        this.recordEvery = recordEvery;
        this.clock = clock;
    }

    void sent(DeliveryLedger.Sent s) {
        if (sent.isEmpty()) oldestNanos = System.nanoTime();
        sent.add(s);
    }

    void finished(DeliveryLedger.Finished f) {
        finished.add(f);
    }

    void flushIfDue() {
        if (sent.size() >= recordEvery || (!sent.isEmpty() && System.nanoTime() - oldestNanos > RECORD_WITHIN)) {
            flush();
        }
    }

    void flush() {
        LocalDateTime now = LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
        ledger.recordSent(sent, now);
        ledger.recordFinished(finished, now);
        sent.clear();
        finished.clear();
    }
}
