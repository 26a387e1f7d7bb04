package com.picksdigest.bench;

import com.picksdigest.App;
import com.picksdigest.config.Settings;
import com.picksdigest.delivery.DeliveryLedger;
import com.picksdigest.delivery.RunStats;
import com.picksdigest.delivery.Sending;
import jakarta.mail.internet.MimeMessage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * One full edition through the real path (Quartz dispatch, enqueue, claim, render, MIME, SMTP, ledger) against
 * an SMTP sink, then the references measured in the same run on the same machine: Postfix's smtp-source (the
 * physical limit) and plain Jakarta Mail, naive and tuned, on a sample of the same messages.
 */
public final class Bench {
    public record Options(
            int subscribers,
            int threads,
            Optional<String> smtp,
            Optional<String> dbServerUrl,
            Optional<Path> postfixDir,
            boolean references,
            int naiveSample,
            int tunedSample,
            int relayRttMillis) {}

    private final Options opt;
    private final Settings base;
    private final Clock clock;
    private final PrintWriter out;

    public Bench(Options opt, Settings base, Clock clock, PrintWriter out) {
        this.opt = opt;
        this.base = base;
        this.clock = clock;
        this.out = out;
    }

    public void run() throws Exception {
        Optional<PostfixTools> postfix = PostfixTools.find(opt.postfixDir());
        String host = "127.0.0.1";
        int port;
        Process postfixSink = null;
        CountingSmtpSink jvmSink = null;
        if (opt.smtp().isPresent()) {
            String[] hp = opt.smtp().get().split(":");
            host = hp[0];
            port = Integer.parseInt(hp[1]);
        } else if (postfix.isPresent()) {
            port = PostfixTools.freePort();
            postfixSink = postfix.get().startSink(port);
        } else {
            jvmSink = new CountingSmtpSink();
            port = jvmSink.port();
        }
        String sinkName = opt.smtp().isPresent()
                ? "the relay " + opt.smtp().get()
                : postfixSink != null ? "Postfix smtp-sink" : "an in-process counting sink (smtp-sink not found)";
        LatencyProxy far = null;
        if (opt.relayRttMillis() > 0) {
            far = new LatencyProxy(host, port, opt.relayRttMillis());
            host = "127.0.0.1";
            port = far.port();
            sinkName += String.format(" behind a %d ms round trip", opt.relayRttMillis());
        }
        LiveHeap heap = new LiveHeap();
        Settings withSink =
                base.with(java.util.Map.of("PICKS_SMTP_HOST", host, "PICKS_SMTP_PORT", String.valueOf(port)));
        try (BenchDatabase bdb = BenchDatabase.open(withSink, opt.dbServerUrl(), clock, opt.threads())) {
            App app = bdb.app();
            out.printf(
                    "bench: %,d subscribers, %d send threads, sink: %s, database: %s (%s)%n",
                    opt.subscribers(),
                    opt.threads(),
                    sinkName,
                    bdb.description(),
                    app.database().dialect());
            BenchSeed seed = new BenchSeed(app);
            seed.picks();
            long seedStart = System.nanoTime();
            seed.subscribers(opt.subscribers(), done -> {
                if (done % 100_000 == 0 || done == opt.subscribers()) {
                    out.printf(
                            "... seeded %,d subscribers (%.0f/s)%n",
                            done, done / ((System.nanoTime() - seedStart) / 1e9));
                    out.flush();
                }
            });

            Result r = edition(app, heap);
            out.println();
            out.printf(
                    "Picks Digest, end to end      %8.0f msg/s   (%,d sent, %,d skipped, %,d failed in %.1f s)%n",
                    r.rate, r.stats.sent.sum(), r.stats.skipped.sum(), r.stats.failed.sum(), r.seconds);
            out.printf(
                    "  per-message latency         p50 %.2f ms, p99 %.2f ms (build + SMTP transaction)%n",
                    r.stats.latencyMillis(0.5), r.stats.latencyMillis(0.99));
            out.printf("  time to enqueue             %.2f s%n", r.enqueueSeconds);
            out.printf("  SQL statements per message  %.4f (%,d statements)%n", r.statementsPerMessage, r.statements);
            out.printf(
                    "  peak live heap              %.1f MB (in use after a full GC, %d samples during the run; -Xmx %d MB)%n",
                    heap.peakBytes() / 1e6, heap.samples(), Runtime.getRuntime().maxMemory() / (1024 * 1024));
            out.printf(
                    "  ledger                      %s%n",
                    LedgerCheck.describe(app.database().dsl(), opt.subscribers()));

            List<MimeMessage> sample = SampleMessages.build(app, Math.min(opt.tunedSample(), opt.subscribers()));
            int size = SampleMessages.averageSize(sample);
            out.printf("  average message size        %,d bytes%n", size);
            if (!opt.references()) return;
            out.println();
            out.println("References, same run, same machine:");
            if (postfix.isPresent()) {
                int limitPort = PostfixTools.freePort();
                Process sink = postfix.get().startSink(limitPort);
                LatencyProxy limitFar = opt.relayRttMillis() > 0
                        ? new LatencyProxy("127.0.0.1", limitPort, opt.relayRttMillis())
                        : null;
                try {
                    int n = Math.max(10_000, Math.min(100_000, (int) r.stats.sent.sum()));
                    double secs = postfix.get()
                            .sourceSeconds(limitFar != null ? limitFar.port() : limitPort, n, size, opt.threads());
                    double limit = n / secs;
                    out.printf(
                            "  smtp-source -> smtp-sink    %8.0f msg/s   (%,d x %,d bytes, %d connections)   ours = %.0f %%%n",
                            limit, n, size, opt.threads(), 100 * r.rate / limit);
                } finally {
                    if (limitFar != null) limitFar.close();
                    sink.destroy();
                }
            } else {
                out.println("  smtp-source -> smtp-sink    skipped: Postfix tools not found (see README, Performance)");
            }
            double tuned = PlainJakartaMail.tunedRate(sample, host, port, opt.threads());
            out.printf(
                    "  Jakarta Mail, tuned         %8.0f msg/s   (%,d messages, %d reused connections, TCP_NODELAY)   ours = %.1fx%n",
                    tuned, sample.size(), opt.threads(), r.rate / tuned);
            List<MimeMessage> naiveSample = sample.subList(0, Math.min(opt.naiveSample(), sample.size()));
            double naive = PlainJakartaMail.naiveRate(naiveSample, host, port);
            out.printf(
                    "  Jakarta Mail, naive         %8.0f msg/s   (%,d messages, Transport.send each, defaults)   ours = %.1fx%n",
                    naive, naiveSample.size(), r.rate / naive);
            out.printf(
                    "%nMachine: %d cores, %s, Java %s%n",
                    Runtime.getRuntime().availableProcessors(),
                    System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                    System.getProperty("java.version"));
        } finally {
            if (far != null) far.close();
            if (postfixSink != null) postfixSink.destroy();
            if (jvmSink != null) jvmSink.close();
        }
    }

    private record Result(
            RunStats stats,
            double seconds,
            double rate,
            double enqueueSeconds,
            long statements,
            double statementsPerMessage) {}

    private Result edition(App app, LiveHeap heap) throws Exception {
        DeliveryLedger ledger = app.ledger();
        Sending sending = app.sending();
        app.checkTemplates();
        System.gc();
        long statementsBefore = app.database().statementCount();
        long start = System.nanoTime();
        sending.workers().start();
        app.startScheduling("bench", List.of(sending.dispatchTask()), true);
        while (sending.lastDispatch().isEmpty()) Thread.sleep(20);
        Sending.Dispatch dispatch = sending.lastDispatch().get();
        double enqueue = dispatch.took().toNanos() / 1e9;
        int created = dispatch.created();
        RunStats stats = sending.workers().stats();
        long lastReport = System.nanoTime();
        long benchStatements = 0;
        int nextSample = 1;
        while (true) {
            Thread.sleep(100);
            long done = stats.finished();
            // ten samples at the same fractions of any N, so runs of different sizes compare
            if (done >= (long) created * nextSample / 10 && nextSample < 10) {
                heap.sample();
                nextSample++;
            }
            if (done >= created) break;
            if (System.nanoTime() - lastReport > 5e9) {
                lastReport = System.nanoTime();
                double s = (lastReport - start) / 1e9;
                double rate = done / s;
                out.printf(
                        "... %,d of %,d done, %.0f msg/s, ETA %.0f s, live heap peak %.0f MB%n",
                        done, created, rate, rate > 0 ? (created - done) / rate : 0.0, heap.peakBytes() / 1e6);
                out.flush();
                // deferred retries would never be counted as finished: stop when the ledger has nothing left
                long before = app.database().statementCount();
                boolean idle = ledger.workable(LocalDateTime.now(clock.withZone(ZoneOffset.UTC))) == 0;
                benchStatements += app.database().statementCount() - before;
                if (idle) break;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long statements = app.database().statementCount() - statementsBefore - benchStatements;
        long sent = Math.max(1, stats.sent.sum());
        // the references that follow must not share the machine with idle workers polling the ledger
        app.stopSending();
        return new Result(stats, seconds, stats.sent.sum() / seconds, enqueue, statements, (double) statements / sent);
    }
}
