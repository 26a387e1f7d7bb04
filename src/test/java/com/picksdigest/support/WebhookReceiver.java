package com.picksdigest.support;

import com.picksdigest.outbound.GuardedHttp;
import com.picksdigest.outbound.OutboundRules;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A webhook receiver on loopback: records every request, checks its signature with {@link StandardWebhooks}, and
 * answers as the test says: 200, another status (a receiver that is down), or not at all until released (a request
 * in flight).
 */
public final class WebhookReceiver implements AutoCloseable {
    /** The name tests give it; their resolver maps it to loopback. */
    public static final String HOST = "hooks.test";

    /** One request as it arrived; {@code problem} is null when its signature verified. */
    public record Request(String id, String timestamp, String body, String problem, int answered) {}

    private final HttpServer server;
    private final Clock clock;
    private volatile String secret;
    private volatile int status = 200;
    private volatile CountDownLatch hold;
    public final List<Request> requests = new CopyOnWriteArrayList<>();

    public WebhookReceiver(Clock clock) {
        this.clock = clock;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    /** The guarded client as production builds it, with {@link #HOST} resolving to this receiver alone. */
    public GuardedHttp client() {
        TestResolver resolver =
                new TestResolver().map(HOST, address().getAddress().getHostAddress());
        return TestOutbound.client(
                OutboundRules.of(1024 * 1024).withDeadline(Duration.ofSeconds(5)),
                resolver,
                TestOutbound.publicExcept(address()));
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    public String url(String path) {
        return "http://" + HOST + ":" + address().getPort() + path;
    }

    /** The endpoint's secret, for checking signatures. */
    public void secret(String s) {
        secret = s;
    }

    /** What to answer from now on: 200, or e.g. 503 for a receiver that is down. */
    public void answer(int s) {
        status = s;
    }

    /** Requests from now on wait (unanswered) until {@link #release}. */
    public void holdRequests() {
        hold = new CountDownLatch(1);
    }

    public void release() {
        CountDownLatch h = hold;
        hold = null;
        if (h != null) h.countDown();
    }

    /** Requests answered with a 2xx. */
    public List<Request> accepted() {
        return requests.stream().filter(r -> r.answered() / 100 == 2).toList();
    }

    private void handle(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        String id = ex.getRequestHeaders().getFirst("webhook-id");
        String ts = ex.getRequestHeaders().getFirst("webhook-timestamp");
        String sig = ex.getRequestHeaders().getFirst("webhook-signature");
        String problem = secret == null
                ? "no secret known"
                : StandardWebhooks.problem(secret, id, ts, sig, body, clock.instant());
        CountDownLatch h = hold;
        if (h != null) {
            try {
                h.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        int answer = problem == null ? status : 400;
        try {
            ex.sendResponseHeaders(answer, -1);
            ex.close();
        } catch (IOException e) {
            answer = -1; // the sender went away before the answer
        }
        requests.add(new Request(id, ts, new String(body, StandardCharsets.UTF_8), problem, answer));
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
