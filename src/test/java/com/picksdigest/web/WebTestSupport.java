package com.picksdigest.web;

import static com.picksdigest.db.generated.Tables.EVENTS;
import static com.picksdigest.db.generated.Tables.SUBSCRIBERS;
import static com.picksdigest.db.generated.Tables.SUBSCRIBER_CATEGORIES;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.picksdigest.App;
import com.picksdigest.config.Settings;
import com.picksdigest.config.SignupConfig;
import com.picksdigest.db.Database;
import com.picksdigest.db.generated.tables.records.SubscribersRecord;
import com.picksdigest.db.types.SubscriberStatus;
import com.picksdigest.picks.Categories;
import com.picksdigest.subscribers.LinkTokens;
import com.picksdigest.subscribers.SubscriberInput;
import com.picksdigest.subscribers.SubscriberService;
import com.picksdigest.support.TestDatabase;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jooq.DSLContext;

/** One migrated schema and one real WebServer on a free port per test class, and an HTTP client that never follows redirects. */
final class WebTestSupport implements AutoCloseable {
    static final String SECRET = "test-secret-test-secret-test-secret-0123456789";
    static final String SITE = "Picks <Digest> & Co";

    private static final AtomicInteger SEQ = new AtomicInteger();

    final TestDatabase testDb;
    final App app;
    final Database database;
    final DSLContext db;
    final Categories categories;
    final SubscriberService subscribers;
    final LinkTokens tokens = new LinkTokens(SECRET);
    final CsrfTokens csrf = new CsrfTokens(SECRET);
    final AtomicReference<Map<String, String>> healthChecks = new AtomicReference<>(Map.of("scheduler", "ok"));
    final WebServer server;
    /** The management port: the whole health report and /metrics. */
    final WebServer ops;

    final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    WebTestSupport(Class<?> owner) {
        this(owner, null, new SignupConfig(true, false));
    }

    /**
     * With {@code smtpPort}, the self-service pages mail through that SMTP server (GreenMail); without, through a
     * loopback port nobody listens on, so nothing they send arrives.
     */
    WebTestSupport(Class<?> owner, Integer smtpPort, SignupConfig signup) {
        this(owner, smtpPort, signup, Map.of());
    }

    /** @param settings set over those of {@link #app} */
    WebTestSupport(Class<?> owner, Integer smtpPort, SignupConfig signup, Map<String, String> settings) {
        testDb = TestDatabase.migrated(owner);
        app = app(testDb, smtpPort, signup, App.Seams.DEFAULT.withHealthChecks(healthChecks::get), settings);
        database = app.database();
        db = database.dsl();
        categories = app.categories();
        subscribers = app.subscribers();
        server = app.webServer().start("127.0.0.1", 0);
        ops = app.opsServer().start("127.0.0.1", 0);
    }

    /** The application on {@code testDb} as these tests configure it (settings of MailConfig below). */
    static App app(TestDatabase testDb, Integer smtpPort, SignupConfig signup, App.Seams seams) {
        return app(testDb, smtpPort, signup, seams, Clock.systemUTC());
    }

    static App app(TestDatabase testDb, Integer smtpPort, SignupConfig signup, App.Seams seams, Clock clock) {
        return app(testDb, smtpPort, signup, seams, clock, Map.of());
    }

    private static App app(
            TestDatabase testDb, Integer smtpPort, SignupConfig signup, App.Seams seams, Map<String, String> settings) {
        return app(testDb, smtpPort, signup, seams, Clock.systemUTC(), settings);
    }

    private static App app(
            TestDatabase testDb,
            Integer smtpPort,
            SignupConfig signup,
            App.Seams seams,
            Clock clock,
            Map<String, String> settings) {
        Map<String, String> s = new HashMap<>();
        s.put("PICKS_DB_URL", testDb.url());
        s.put("PICKS_SECRET", SECRET);
        s.put("PICKS_FROM", "Picks <digest@example.org>");
        s.put("PICKS_SITE_NAME", SITE);
        s.put("PICKS_BASE_URL", "https://picks.example.org");
        s.put("PICKS_LIST_ID", "digest.example.org");
        s.put("PICKS_UNSUBSCRIBE_MAILTO", "unsubscribe@example.org");
        s.put("PICKS_SMTP_HOST", "127.0.0.1");
        s.put("PICKS_SMTP_PORT", String.valueOf(smtpPort != null ? smtpPort : closedPort()));
        s.put("PICKS_DOUBLE_OPT_IN", String.valueOf(signup.doubleOptIn()));
        s.put("PICKS_TRUST_PROXY", String.valueOf(signup.trustProxy()));
        s.put("PICKS_WELCOME", String.valueOf(signup.welcome()));
        // every request sees the checks as the test set them just before
        s.put("PICKS_HEALTH_CACHE_SECONDS", "0");
        s.putAll(settings);
        return App.boot(Settings.of(s), clock).withoutMigrating().seams(seams).open();
    }

    private static int closedPort() {
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            return free.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A server whose self-service pages mail through {@code smtp}, with these categories to follow. */
    static WebTestSupport mailing(Class<?> owner, GreenMailExtension smtp, SignupConfig signup, String... categories) {
        WebTestSupport w = new WebTestSupport(owner, smtp.getSmtp().getPort(), signup);
        for (String c : categories) w.categories.add(c);
        return w;
    }

    SubscribersRecord subscriber(String name, List<String> follows) {
        int n = SEQ.incrementAndGet();
        long id = subscribers
                .add(
                        new SubscriberInput(
                                "reader" + n + "+o'neil&co@example.com",
                                name,
                                "Europe/Paris",
                                7,
                                "daily",
                                null,
                                "html",
                                "en",
                                follows),
                        SubscriberStatus.ACTIVE)
                .getId();
        return subscribers.find(id); // add() returns the record without the columns the database defaulted
    }

    /** Tokens that must get 400 wherever a link token goes, each a way of tampering with {@code victim}'s. */
    Map<String, String> tamperedTokens(SubscribersRecord victim, SubscribersRecord other) {
        String good = token(victim);
        String sig = good.substring(good.lastIndexOf('.') + 1);
        char flipped = good.charAt(good.length() - 2) == 'A' ? 'B' : 'A';
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put(
                "signature with one character flipped",
                good.substring(0, good.length() - 2) + flipped + good.charAt(good.length() - 1));
        bad.put("truncated", good.substring(0, good.length() - 5));
        bad.put(
                "another subscriber's id with the first one's signature",
                other.getId() + "." + other.getTokenVersion() + "." + sig);
        bad.put(
                "signed with another secret",
                new LinkTokens("another-secret-another-secret-another-secret").issue(victim.getId(), 1));
        bad.put("a newer version with the old signature", victim.getId() + ".2." + sig);
        bad.put("garbage", "not-a-token");
        bad.put("no signature", victim.getId() + "." + victim.getTokenVersion() + ".");
        bad.put("padded base64", good + "=");
        return bad;
    }

    String token(SubscribersRecord s) {
        return tokens.issue(s.getId(), s.getTokenVersion());
    }

    /** Everything a request could change about a subscriber, as one comparable string. */
    String snapshot(long id) {
        SubscribersRecord r =
                db.selectFrom(SUBSCRIBERS).where(SUBSCRIBERS.ID.eq(id)).fetchOne();
        List<Integer> follows = db.select(SUBSCRIBER_CATEGORIES.CATEGORY_ID)
                .from(SUBSCRIBER_CATEGORIES)
                .where(SUBSCRIBER_CATEGORIES.SUBSCRIBER_ID.eq(id))
                .orderBy(SUBSCRIBER_CATEGORIES.CATEGORY_ID)
                .fetch(SUBSCRIBER_CATEGORIES.CATEGORY_ID);
        int events = db.fetchCount(EVENTS, EVENTS.SUBSCRIBER_ID.eq(id));
        return r.formatJSON() + " follows=" + follows + " events=" + events;
    }

    /** Every row a public request could touch, as one comparable string. */
    String everyRow() {
        return db.selectFrom(SUBSCRIBERS).orderBy(SUBSCRIBERS.ID).fetch().formatJSON()
                + db.selectFrom(SUBSCRIBER_CATEGORIES)
                        .orderBy(SUBSCRIBER_CATEGORIES.SUBSCRIBER_ID, SUBSCRIBER_CATEGORIES.CATEGORY_ID)
                        .fetch()
                        .formatJSON()
                + db.selectFrom(EVENTS).orderBy(EVENTS.ID).fetch().formatJSON();
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    HttpResponse<String> postForm(String path, String... pairs) {
        return post(path, "application/x-www-form-urlencoded", form(pairs));
    }

    HttpResponse<String> post(String path, String contentType, String body) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> send(HttpRequest.Builder b) {
        try {
            return http.send(b.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * One request, byte for byte, on a socket of its own; written on another thread while the answer is read here,
     * since a server refusing a long request answers before it has read it all. -1: closed without an answer.
     */
    int rawStatus(String requestLine, byte[] body) {
        return rawStatus(
                requestLine, body.length > 0 ? "Content-Type: application/x-www-form-urlencoded\r\n" : "", body);
    }

    /** @param headers more header lines, each ending in CRLF */
    int rawStatus(String requestLine, String headers, byte[] body) {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(30_000); // a shared 2-core box under a full suite has taken over 10 s to answer
            OutputStream out = s.getOutputStream();
            byte[] head = (requestLine + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + headers
                            + (body.length > 0 ? "Content-Length: " + body.length + "\r\n" : "")
                            + "\r\n")
                    .getBytes(StandardCharsets.UTF_8);
            Thread writer = new Thread(() -> {
                try {
                    out.write(head);
                    out.write(body);
                    out.flush();
                } catch (IOException refusedEarly) {
                    // the server answered (and closed) before it had everything; the answer is read below
                }
            });
            writer.start();
            byte[] status = s.getInputStream().readNBytes(12);
            writer.join(30_000);
            return status.length < 12 ? -1 : Integer.parseInt(new String(status, 9, 3, StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The UTF-8 bytes of {@code s}, every one percent-encoded except letters and digits: one path segment. */
    static String segment(String s) {
        StringBuilder b = new StringBuilder();
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if (c < 0x80 && Character.isLetterOrDigit(c)) b.append((char) c);
            else b.append('%').append(HexFormat.of().withUpperCase().toHexDigits((byte) c));
        }
        return b.toString();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    static String form(String... pairs) {
        StringJoiner j = new StringJoiner("&");
        for (int i = 0; i < pairs.length; i += 2) {
            j.add(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return j.toString();
    }

    static String escaped(String s) {
        return s.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    HttpResponse<String> opsGet(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ops.port() + path))
                .GET());
    }

    @Override
    public void close() {
        app.close();
        testDb.close();
    }
}
