package com.picksdigest.web.api;

import static com.picksdigest.db.generated.Tables.SUBSCRIBERS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.picksdigest.bench.LiveHeap;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Bulk imports over real HTTP: a streamed body answered by a job id, the job's counts and refused lines exact. */
class ImportApiTest {
    static ApiStack stack;
    static String writer;

    @BeforeAll
    static void start() {
        stack = new ApiStack(ImportApiTest.class, 0, Map.of("PICKS_API_RATE_LIMIT", "100000"));
        stack.app.categories().add("AI");
        writer = stack.key("CRM", "subscribers:read", "subscribers:write");
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    /**
     * 10,000 lines, every hundredth one a bad address, sent chunked from a generator (no Content-Length, never a
     * whole body in the client either).
     */
    @Test
    void tenThousandCsvLinesWithOnePercentBadAreImportedInTheBackgroundWithExactCounts() throws Exception {
        importAndCount(10_000, "bulk");
    }

    /** The same at 100,000 lines: in the long runs (mvn verify -Pchaos). */
    /**
     * The same at 100,000 lines (in the long runs, mvn verify -Pchaos), in bounded memory. The live heap is sampled
     * after a full GC twice a second (client and server are this one JVM) during an import of 10,000 lines and then
     * of 100,000: the ten times longer import may grow it by at most 6 MB more. Holding the 90,000 extra lines as
     * strings alone would take about 9 MB (some 100 bytes each).
     */
    @Test
    @Tag("chaos")
    void aHundredThousandCsvLinesWithOnePercentBadAreImportedWithExactCountsInBoundedMemory() throws Exception {
        long small = importAndCount(10_000, "warm");
        long big = importAndCount(100_000, "big");
        assertThat(big - small)
                .as("extra live heap growth of the 100,000-line import, bytes")
                .isLessThan(6L << 20);
    }

    /** @return by how much the live heap grew over its level before the import, at its peak during it */
    private static long importAndCount(int n, String prefix) throws Exception {
        LiveHeap before = new LiveHeap();
        before.sample();
        LiveHeap during = new LiveHeap();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleWithFixedDelay(during::sample, 0, 500, TimeUnit.MILLISECONDS);
        JsonNode job;
        try {
            HttpResponse<String> r = stack.send(stack.request(writer, "/api/v1/subscribers/imports")
                    .header("Content-Type", "text/csv")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> csv(n, prefix))));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            job = await(r.headers().firstValue("Location").orElseThrow());
        } finally {
            sampler.shutdownNow();
            sampler.awaitTermination(10, TimeUnit.SECONDS);
        }
        long growth = during.peakBytes() - before.peakBytes();
        System.out.printf(
                "Import of %,d lines: live heap %.1f MB before, peak %.1f MB during (%d samples), growth %.1f MB%n",
                n, mb(before.peakBytes()), mb(during.peakBytes()), during.samples(), mb(growth));
        assertThat(job.get("state").asText()).isEqualTo("done");
        assertThat(job.get("imported").asInt()).isEqualTo(n - n / 100);
        assertThat(job.get("refused").asInt()).isEqualTo(n / 100);
        assertThat(job.get("errors")).hasSize(n / 100);
        // line 1 is the header; record i is on line i + 2, and every i divisible by 100 is bad
        assertThat(job.get("errors").get(0).get("line").asLong()).isEqualTo(2);
        assertThat(job.get("errors").get(1).get("line").asLong()).isEqualTo(102);
        assertThat(stack.app.database().dsl().fetchCount(SUBSCRIBERS, SUBSCRIBERS.EMAIL.like(prefix + "%@example.org")))
                .isEqualTo(n - n / 100);
        return growth;
    }

    private static double mb(long bytes) {
        return bytes / 1048576.0;
    }

    @Test
    void jsonLinesAreImportedWithTheSameRulesAndARepeatedAddressIsRefused() throws Exception {
        String body = "{\"email\":\"jl1@example.org\",\"categories\":[\"ai\"]}\n"
                + "not json\n"
                + "{\"email\":\"jl2@example.org\",\"send_hour\":\"seven\"}\n"
                + "\n"
                + "{\"email\":\"jl1@example.org\"}\n";
        HttpResponse<String> r = stack.send(stack.request(writer, "/api/v1/subscribers/imports")
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        JsonNode job = await(r.headers().firstValue("Location").orElseThrow());
        assertThat(job.get("imported").asInt()).isEqualTo(1);
        assertThat(job.get("refused").asInt()).isEqualTo(3);
        assertThat(job.get("errors").get(0).get("line").asInt()).isEqualTo(2);
        assertThat(job.get("errors").get(1).get("message").asText()).contains("send_hour");
        assertThat(job.get("errors").get(2).get("line").asInt()).isEqualTo(5);
    }

    @Test
    void anotherMediaTypeOrAMissingJobIsAProblemAndNothingIsQueued() {
        HttpResponse<String> r = stack.send(stack.request(writer, "/api/v1/subscribers/imports")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(r.statusCode()).isEqualTo(415);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(stack.get(writer, "/api/v1/subscribers/imports/999999").statusCode())
                .isEqualTo(404);
    }

    private static JsonNode await(String location) throws InterruptedException {
        long until = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < until) {
            JsonNode job = ApiStack.json(stack.get(writer, location));
            String state = job.get("state").asText();
            if (state.equals("done") || state.equals("failed")) return job;
            Thread.sleep(200);
        }
        throw new AssertionError("the import did not finish in 120 s");
    }

    private static InputStream csv(int n, String prefix) {
        Enumeration<InputStream> parts = new Enumeration<>() {
            int i = -1;

            @Override
            public boolean hasMoreElements() {
                return i < n;
            }

            @Override
            public InputStream nextElement() {
                if (i >= n) throw new NoSuchElementException();
                String line = i < 0
                        ? "email,name,categories\n"
                        : (i % 100 == 0 ? "not-an-address-" + i : prefix + i + "@example.org") + ",Reader " + i
                                + ",ai\n";
                i++;
                return new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8));
            }
        };
        return new SequenceInputStream(parts);
    }
}
