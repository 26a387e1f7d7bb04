package com.picksdigest.delivery;

import com.picksdigest.config.SendConfig;
import com.picksdigest.mail.MailChannel;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * N worker threads, each with its own reused SMTP connection, claiming batches from the ledger until told to
 * stop. Several processes can run these against one database: claims never overlap (SKIP LOCKED).
 */
public final class SendWorkers implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SendWorkers.class);
    private static final Duration IDLE_POLL = Duration.ofSeconds(5);
    private static final Duration MAX_STALE_CHECK = Duration.ofSeconds(30);

    private final DeliveryLedger ledger;
    private final DeliveryProcessor processor;
    private final Supplier<MailChannel> connections;
    private final SendConfig cfg;
    private final Clock clock;
    private final RunStats stats;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopping;
    private volatile boolean drainOnly;
    private volatile long lastStaleCheck;

    public SendWorkers(
            DeliveryLedger ledger,
            DeliveryProcessor processor,
            Supplier<MailChannel> connections,
            SendConfig cfg,
            Clock clock,
            MeterRegistry metrics) {
        this.ledger = ledger;
        this.processor = processor;
        this.connections = connections;
        this.cfg = cfg;
        this.clock = clock;
        this.stats = new RunStats(metrics);
    }

    /** Starts the workers; they keep polling the ledger (and wake at once on {@link #wake()}) until closed. */
    public synchronized void start() {
        if (!threads.isEmpty()) return;
        for (int i = 0; i < cfg.threads(); i++) {
            Thread t = new Thread(this::loop, "sender-" + (i + 1));
            t.setDaemon(false);
            threads.add(t);
            t.start();
        }
    }

    /**
     * Sends until nothing is left that can be sent now (retries scheduled for later stay queued for serve),
     * then stops the workers. For send-now and demo; returns this run's counters.
     */
    public RunStats drain(Duration maxWait) throws InterruptedException {
        drainOnly = true;
        start();
        long deadline = System.nanoTime() + maxWait.toNanos();
        for (Thread t : threads) {
            long left = deadline - System.nanoTime();
            if (left > 0) t.join(TimeUnit.NANOSECONDS.toMillis(left) + 1);
        }
        close();
        return stats;
    }

    public void wake() {
        lock.lock();
        try {
            work.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public RunStats stats() {
        return stats;
    }

    private void loop() {
        try (MailChannel smtp = connections.get()) {
            while (!stopping) {
                try {
                    if (!work(smtp)) return;
                } catch (RuntimeException e) {
                    // A database outage or similar: one line with the cause, then try again; the pool reconnects.
                    log.warn(
                            "Sender {} paused after an error: {}",
                            Thread.currentThread().getName(),
                            e.getMessage() == null
                                    ? e.toString()
                                    : e.getMessage().lines().findFirst().orElse(""));
                    idle(IDLE_POLL);
                }
            }
        }
    }

    /** One round: claim and process a batch, or wait. Returns false when a drain has nothing left. */
    private boolean work(MailChannel smtp) {
        releaseStaleClaims();
        List<Claim> claims = ledger.claim(cfg.nodeId(), cfg.batchSize(), now());
        if (!claims.isEmpty()) {
            // Past its claim timeout a batch may be released and taken by another worker, which would send it
            // again: stop at half of it. And a stopping node finishes only the message on the wire.
            long handBackAt = System.nanoTime() + cfg.claimTimeout().toNanos() / 2;
            processor.process(claims, smtp, stats, () -> !stopping && System.nanoTime() < handBackAt);
            return true;
        }
        if (drainOnly && ledger.workable(now()) == 0) return false;
        idle(drainOnly ? Duration.ofMillis(200) : IDLE_POLL);
        return true;
    }

    private void releaseStaleClaims() {
        long nowMs = System.currentTimeMillis();
        if (nowMs - lastStaleCheck < staleCheckInterval().toMillis()) return;
        lastStaleCheck = nowMs;
        int n = ledger.releaseStale(now(), cfg.claimTimeout());
        if (n > 0)
            log.warn(
                    "Released {} stale claim(s) older than {}s",
                    n,
                    cfg.claimTimeout().toSeconds());
    }

    /**
     * A dead node's claims come back at most a quarter of the timeout after they expire: a short timeout (a small
     * site, a test) should not then wait the 30 s meant for the 10-minute default.
     */
    private Duration staleCheckInterval() {
        Duration quarter = cfg.claimTimeout().dividedBy(4);
        return quarter.compareTo(MAX_STALE_CHECK) < 0 ? quarter : MAX_STALE_CHECK;
    }

    private void idle(Duration d) {
        lock.lock();
        try {
            if (!stopping) work.await(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        } finally {
            lock.unlock();
        }
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
    }

    /** Stops claiming, lets in-flight batches finish, and hands back anything this node still holds. */
    @Override
    public void close() {
        stopping = true;
        wake();
        for (Thread t : threads) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(60));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            int released = ledger.releaseOwn(cfg.nodeId(), now());
            if (released > 0) log.info("Released {} unfinished claim(s) on shutdown", released);
        } catch (RuntimeException e) {
            log.warn("Could not release claims on shutdown ({}); they return after the claim timeout", e.getMessage());
        }
    }
}
