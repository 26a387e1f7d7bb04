package com.picksdigest.config;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a signed return path costs the sender per message ({@link MailConfig#envelopeFrom}, called once per digest by
 * every send thread), next to the unsigned concatenation it replaced; the README's bounces paragraph gives the
 * figures. Run with {@code org.openjdk.jmh.Main VerpBenchmark -prof gc} (the class path as for RenderBenchmark).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class VerpBenchmark {
    private MailConfig mail;
    private long deliveryId = 10_000_000L;

    @Setup
    public void setUp() {
        mail = MailConfig.from(Settings.of(Map.of(
                "PICKS_SECRET",
                "benchmark-secret-benchmark-secret-benchmark",
                "PICKS_FROM",
                "Picks <digest@picks.example.org>",
                "PICKS_BOUNCE_ADDRESS",
                "bounces@picks.example.org")));
    }

    @Benchmark
    public String signedReturnPath() {
        return mail.envelopeFrom(++deliveryId);
    }

    /** The return path as it was before it carried a MAC. */
    @Benchmark
    public String unsignedReturnPath() {
        return "bounces+" + ++deliveryId + "@picks.example.org";
    }
}
