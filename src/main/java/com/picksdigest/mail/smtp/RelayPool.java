package com.picksdigest.mail.smtp;

import com.picksdigest.common.RateLimiter;
import com.picksdigest.config.RelaysConfig;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several relays shared by every send worker of the process: which relay carries the next message (weighted), which
 * are taken out after refusing, and the figures of each.
 *
 * <p>The spread is counted, not drawn: each message goes to the relay furthest below its weighted share, except that
 * a worker stays on the relay it is using while that one is less than {@value #STICKY} messages ahead of its share,
 * so most messages still announce the next on the same connection (one round trip each). However long the edition,
 * no relay is more than that many messages off its weight. A relay that comes back from a back-off starts at the
 * others' level rather than being flooded to catch up.
 */
final class RelayPool {
    private static final Logger log = LoggerFactory.getLogger(RelayPool.class);
    private static final int STICKY = 16;
    private static final int MAX_BACKOFF_DOUBLINGS = 4;

    /** One relay: its settings, its share so far, its back-off state and its counters. */
    static final class Relay {
        final RelaysConfig.Relay cfg;
        final int index;
        final RateLimiter rate;
        /** Messages handed to this relay, as counted for the spread (reset to the others' level when it returns). */
        final AtomicLong assigned = new AtomicLong();
        /** 0 while in service, else System.nanoTime() until which it is out (or being probed). */
        final AtomicLong outUntil = new AtomicLong();

        volatile int failuresInARow;
        volatile long lastTakeOut;
        final LongAdder accepted = new LongAdder();
        final LongAdder transientFailures = new LongAdder();
        final LongAdder permanentFailures = new LongAdder();
        final LongAdder unavailable = new LongAdder();
        final LongAdder takenOut = new LongAdder();

        Relay(RelaysConfig.Relay cfg, int index) {
            this.cfg = cfg;
            this.index = index;
            this.rate = cfg.ratePerSecond() > 0 ? new RateLimiter(cfg.ratePerSecond()) : null;
        }

        String name() {
            return cfg.name();
        }

        boolean inService() {
            return outUntil.get() == 0;
        }
    }

    private final Relay[] relays;
    private final Duration backoff;

    RelayPool(RelaysConfig cfg, MeterRegistry registry) {
        List<RelaysConfig.Relay> list = cfg.relays();
        this.relays = new Relay[list.size()];
        for (int i = 0; i < relays.length; i++) relays[i] = new Relay(list.get(i), i);
        this.backoff = cfg.backoff();
        for (Relay r : relays) register(registry, r);
    }

    private static void register(MeterRegistry registry, Relay r) {
        outcome(registry, r, "accepted", r.accepted);
        outcome(registry, r, "transient", r.transientFailures);
        outcome(registry, r, "permanent", r.permanentFailures);
        outcome(registry, r, "unavailable", r.unavailable);
        FunctionCounter.builder("picks.relay.takeouts", r.takenOut, (ToDoubleFunction<LongAdder>) LongAdder::sum)
                .description("Times the relay was taken out for a back-off (refused connection, 421, AUTH).")
                .tag("relay", r.name())
                .register(registry);
        Gauge.builder("picks.relay.up", r, x -> x.inService() ? 1 : 0)
                .description("1 while the relay is in service, 0 while it is taken out.")
                .tag("relay", r.name())
                .register(registry);
        Gauge.builder("picks.relay.weight", r, x -> x.cfg.weight())
                .description("The relay's configured weight.")
                .tag("relay", r.name())
                .register(registry);
    }

    private static void outcome(MeterRegistry registry, Relay r, String outcome, LongAdder value) {
        FunctionCounter.builder("picks.relay.messages", value, (ToDoubleFunction<LongAdder>) LongAdder::sum)
                .description("Messages handed to the relay, by how it answered (this process).")
                .tag("relay", r.name())
                .tag("outcome", outcome)
                .register(registry);
    }

    int size() {
        return relays.length;
    }

    Relay relay(int index) {
        return relays[index];
    }

    /**
     * The relay for the next message, or null when every relay is taken out.
     *
     * @param current the relay the caller used last (it stays there while that keeps the spread), or null
     */
    Relay choose(Relay current) {
        long now = System.nanoTime();
        Relay best = null;
        double least = Double.MAX_VALUE;
        for (Relay r : relays) {
            if (!r.inService()) continue;
            double load = r.assigned.get() / (double) r.cfg.weight();
            if (load < least) {
                least = load;
                best = r;
            }
        }
        Relay probe = claimProbe(now, best == null ? 0 : least);
        if (probe != null) best = probe;
        else if (current != null
                && current != best
                && current.inService()
                && current.assigned.get() + 1 <= least * current.cfg.weight() + STICKY) best = current;
        if (best != null) best.assigned.incrementAndGet();
        return best;
    }

    /**
     * A relay whose back-off has ended, for one caller only: its back-off is extended while that caller tries it, so
     * the others keep away until it has answered.
     */
    private Relay claimProbe(long now, double level) {
        for (Relay r : relays) {
            long until = r.outUntil.get();
            if (until != 0
                    && now - until >= 0
                    && r.outUntil.compareAndSet(until, now + backoffOf(r).toNanos())) {
                r.assigned.set((long) (level * r.cfg.weight()));
                return r;
            }
        }
        return null;
    }

    private Duration backoffOf(Relay r) {
        return backoff.multipliedBy(1L << Math.min(Math.max(r.failuresInARow - 1, 0), MAX_BACKOFF_DOUBLINGS));
    }

    /** The relay refused a connection, its greeting or our AUTH, or answered 421: out for its back-off. */
    synchronized void takeOut(Relay r, String why) {
        long now = System.nanoTime();
        // several workers meeting the same outage at once take it out once: only a failed probe doubles the back-off
        if (r.failuresInARow > 0 && now - r.lastTakeOut < backoffOf(r).toNanos() / 2) return;
        r.failuresInARow++;
        r.lastTakeOut = now;
        Duration d = backoffOf(r);
        r.outUntil.set(nonZero(now + d.toNanos()));
        r.takenOut.increment();
        log.warn("Relay {} taken out for {} s: {}", r.name(), d.toSeconds(), why);
    }

    /** The relay answered a message (whatever it said about it): in service. */
    void answered(Relay r) {
        if (r.outUntil.get() == 0 && r.failuresInARow == 0) return; // the usual case: no lock
        synchronized (this) {
            if (r.outUntil.get() == 0 && r.failuresInARow == 0) return;
            r.failuresInARow = 0;
            r.outUntil.set(0);
        }
        log.info("Relay {} is back in service", r.name());
    }

    private static long nonZero(long t) {
        return t == 0 ? 1 : t;
    }

    /** "a, b" of the relays taken out, for a deferred delivery's reply. */
    String outList() {
        StringBuilder b = new StringBuilder();
        for (Relay r : relays) {
            if (!r.inService()) b.append(b.length() == 0 ? "" : ", ").append(r.name());
        }
        return b.toString();
    }
}
