package com.picksdigest.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.picksdigest.outbound.OutboundException.Refused;
import com.picksdigest.support.RawServer;
import com.picksdigest.support.TestOutbound;
import com.picksdigest.support.TestResolver;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The guarded client against loopback servers that play every part: a feed host, a database banner, a redirector,
 * a server that trickles. Only the servers a test names count as public; every other address goes through the
 * production policy, and the sockets refuse anything but loopback, so no test can reach elsewhere.
 */
class GuardedHttpTest {
    private static final String SECRET = "SECRET-BANNER 5.5.5-10.11.6-MariaDB\n";
    private final TestResolver resolver = new TestResolver();
    private final List<RawServer> servers = new java.util.ArrayList<>();

    @AfterEach
    void close() {
        servers.forEach(RawServer::close);
    }

    @Test
    void aPublicHostIsFetchedOnceResolvedWithItsNameInTheHostHeader() throws Exception {
        RawServer feed = serve(
                RawServer.answering("HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: 5\r\n\r\nhello"));
        resolver.map("feeds.test", "127.0.0.1");

        Response r = client(feed).get(url("http://feeds.test:" + feed.port() + "/a/b?x=1"), Map.of("Accept", "*/*"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(r.header("content-type")).hasValue("text/xml");
        assertThat(resolver.lookups).containsExactly("feeds.test");
        assertThat(feed.requests.get(0))
                .startsWith("GET /a/b?x=1 HTTP/1.1\r\n")
                .contains("\r\nHost: feeds.test:" + feed.port() + "\r\n", "\r\nAccept: */*\r\n", "Connection: close");
    }

    @Test
    void theNameIsResolvedOnceSoASecondAnswerCannotRebindIt() throws Exception {
        RawServer feed = serve(RawServer.answering("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
        AtomicInteger asked = new AtomicInteger();
        Resolver rebinding = host -> asked.getAndIncrement() == 0
                ? List.of(feed.address().getAddress())
                : List.of(java.net.InetAddress.getByName("169.254.169.254"));
        GuardedHttp http = TestOutbound.client(rules(), rebinding, TestOutbound.publicExcept(feed.address()));

        assertThat(http.get(url("http://rebind.test:" + feed.port() + "/"), Map.of())
                        .status())
                .isEqualTo(200);
        assertThat(asked).hasValue(1);
        assertThat(feed.connections).hasValue(1);
    }

    @Test
    void loopbackInEverySpellingIsRefusedBeforeAnyConnection() throws Exception {
        RawServer v4 = serve(RawServer.banner("127.0.0.1", SECRET));
        RawServer v6 = serve(RawServer.banner("::1", SECRET));
        // glibc's resolver reads these as 127.0.0.1 (inet_aton); the JDK hands them to it, so a test stands in
        resolver.map("0x7f000001", "127.0.0.1").map("017700000001", "127.0.0.1");
        int p = v4.port();
        Map<String, String> refusals = Map.of(
                "http://127.0.0.1:" + p + "/", "refused: 127.0.0.1 is a loopback address",
                "http://2130706433:" + p + "/", "refused: 2130706433 is a loopback address",
                "http://0.0.0.0:" + p + "/", "refused: 0.0.0.0 is an unspecified address",
                "http://[::ffff:127.0.0.1]:" + p + "/", "refused: ::ffff:127.0.0.1 is a loopback address",
                "http://localhost:" + p + "/", "refused: localhost resolves to 127.0.0.1, a loopback address",
                "http://0x7f000001:" + p + "/", "refused: 0x7f000001 resolves to 127.0.0.1, a loopback address",
                "http://017700000001:" + p + "/", "refused: 017700000001 is a loopback address",
                "http://[::1]:" + v6.port() + "/", "refused: ::1 is a loopback address",
                "http://127.1:" + p + "/", "refused: the link has no valid host name");
        GuardedHttp http = TestOutbound.client(rules(), resolver, AddressPolicy.publicOnly());
        for (var e : refusals.entrySet()) {
            assertThatThrownBy(() -> http.get(url(e.getKey()), Map.of()))
                    .as(e.getKey())
                    .isInstanceOf(Refused.class)
                    .hasMessage(e.getValue());
            assertThat(http.refusal(url(e.getKey()))).as(e.getKey()).hasValue(e.getValue());
        }
        assertThat(v4.connections).hasValue(0);
        assertThat(v6.connections).hasValue(0);
    }

    @Test
    void namesResolvingToPrivateLinkLocalOrSharedAddressesAreRefusedWithoutConnecting() {
        resolver.map("intranet.test", "10.1.2.3")
                .map("metadata.test", "169.254.169.254")
                .map("cgnat.test", "100.64.0.1")
                .map("ula.test", "fd00::1")
                .map("v6-link.test", "fe80::1")
                .map("half.test", "8.8.8.8", "192.168.0.1");
        GuardedHttp http = TestOutbound.client(rules(), resolver, AddressPolicy.publicOnly());
        Map<String, String> refusals = Map.of(
                "http://intranet.test/", "refused: intranet.test resolves to 10.1.2.3, a private address",
                "http://metadata.test/latest/meta-data/",
                        "refused: metadata.test resolves to 169.254.169.254, a link-local address",
                "https://cgnat.test/",
                        "refused: cgnat.test resolves to 100.64.0.1, a shared (carrier-grade NAT) address",
                "http://ula.test/", "refused: ula.test resolves to fd00::1, a unique-local address",
                "http://v6-link.test/", "refused: v6-link.test resolves to fe80::1, a link-local address",
                "http://half.test/", "refused: half.test resolves to 192.168.0.1, a private address");
        for (var e : refusals.entrySet()) {
            // the loopback-only sockets would fail the test with an AssertionError on any connection attempt
            assertThatThrownBy(() -> http.get(url(e.getKey()), Map.of()))
                    .as(e.getKey())
                    .isInstanceOf(Refused.class)
                    .hasMessage(e.getValue());
        }
    }

    @Test
    void allowingPrivateLetsIntranetAddressesThroughButNotLoopbackOrMetadata() {
        resolver.map("metadata.test", "169.254.169.254").map("intranet.test", "10.1.2.3");
        GuardedHttp http = TestOutbound.client(rules(), resolver, AddressPolicy.allowingPrivate());

        assertThat(http.refusal(url("http://intranet.test/feed.xml"))).isEmpty();
        assertThat(http.refusal(url("http://metadata.test/")))
                .hasValue("refused: metadata.test resolves to 169.254.169.254, a link-local address");
        assertThat(http.refusal(url("http://localhost:8080/")))
                .hasValue("refused: localhost resolves to 127.0.0.1, a loopback address");
    }

    @Test
    void onlyHttpAndHttpsOnAllowedPorts() {
        resolver.map("feeds.test", "127.0.0.1");
        GuardedHttp http = TestOutbound.client(rules(), resolver, TestOutbound.publicExcept());

        assertThatThrownBy(() -> http.get(url("http://feeds.test:22/"), Map.of()))
                .isInstanceOf(Refused.class)
                .hasMessage("refused: port 22 is not allowed (only 80, 443 and 1024-65535)");
        assertThatThrownBy(() -> http.get(url("https://feeds.test:25/"), Map.of()))
                .hasMessage("refused: port 25 is not allowed (only 80, 443 and 1024-65535)");
        assertThatThrownBy(() -> http.get(url("ftp://feeds.test/x"), Map.of()))
                .isInstanceOf(Refused.class)
                .hasMessage("refused: only http and https links are fetched");
        assertThatThrownBy(() -> http.get(url("file:///etc/passwd"), Map.of()))
                .hasMessage("refused: only http and https links are fetched");
        assertThat(resolver.lookups).isEmpty();
    }

    @Test
    void aRedirectToLoopbackIsRefusedAtThatHopAndTheTargetNeverReached() throws Exception {
        RawServer secret = serve(RawServer.banner("127.0.0.1", SECRET));
        RawServer redirector = serve(RawServer.answering("HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:"
                + secret.port() + "/\r\nContent-Length: 0\r\n\r\n"));
        resolver.map("feeds.test", "127.0.0.1");

        assertThatThrownBy(() -> client(redirector).get(url("http://feeds.test:" + redirector.port() + "/"), Map.of()))
                .isInstanceOf(Refused.class)
                .hasMessage("refused after redirect 1: 127.0.0.1 is a loopback address");
        assertThat(redirector.connections).hasValue(1);
        assertThat(secret.connections).hasValue(0);
    }

    @Test
    void redirectsAreFollowedByHandFiveAtMost() throws Exception {
        AtomicInteger hops = new AtomicInteger();
        RawServer chain = serve(RawServer.http((head, out, s) -> {
            int n = Integer.parseInt(head.substring(head.indexOf("/hop") + 4, head.indexOf(" HTTP/")));
            hops.incrementAndGet();
            String answer = n < 5
                    ? "HTTP/1.1 301 Moved\r\nLocation: /hop" + (n + 1) + "\r\nContent-Length: 3\r\n\r\nxyz"
                    : "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\ndone";
            out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
        }));
        resolver.map("feeds.test", "127.0.0.1");
        GuardedHttp http = client(chain);

        Response five = http.get(url("http://feeds.test:" + chain.port() + "/hop0"), Map.of());
        assertThat(new String(five.body(), StandardCharsets.UTF_8)).isEqualTo("done");
        assertThat(five.url().getPath()).isEqualTo("/hop5");
        assertThat(resolver.lookups).hasSize(6); // once per hop
        assertThatThrownBy(() -> http.get(url("http://feeds.test:" + chain.port() + "/hop-1"), Map.of()))
                .isInstanceOf(Refused.class)
                .hasMessage("refused: more than 5 redirects");
    }

    @Test
    void aServerThatTricklesIsAbandonedAtTheDeadline() throws Exception {
        RawServer trickle = serve(RawServer.http((head, out, s) -> {
            out.write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            for (int i = 0; i < 1000; i++) {
                out.write('x');
                out.flush();
                Thread.sleep(1000);
            }
        }));
        RawServer headersTrickle = serve(RawServer.http((head, out, s) -> {
            for (byte b : "HTTP/1.1 200 OK\r\nX-Slow: yes\r\n".getBytes(StandardCharsets.ISO_8859_1)) {
                out.write(b);
                out.flush();
                Thread.sleep(500);
            }
        }));
        RawServer silent = serve(RawServer.http((head, out, s) -> Thread.sleep(60_000)));
        resolver.map("feeds.test", "127.0.0.1");
        OutboundRules twoSeconds = rules(Duration.ofSeconds(2));

        for (RawServer server : List.of(trickle, headersTrickle, silent)) {
            GuardedHttp http = TestOutbound.client(twoSeconds, resolver, TestOutbound.publicExcept(server.address()));
            long start = System.nanoTime();
            assertThatThrownBy(() -> http.get(url("http://feeds.test:" + server.port() + "/"), Map.of()))
                    .hasMessage("no complete answer within 2 s");
            // not a timing assertion: only that the fetch gave up long before the server would have finished
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        }
    }

    @Test
    void bodiesAreReadByLengthChunksOrCloseAndCapped() throws Exception {
        resolver.map("feeds.test", "127.0.0.1");
        RawServer chunked = serve(
                RawServer.answering(
                        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n"));
        RawServer untilClose = serve(RawServer.answering("HTTP/1.0 200 OK\r\n\r\nuntil the end"));
        RawServer interim = serve(RawServer.answering(
                "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 404 Not Found\r\nContent-Length: 4\r\n\r\ngone"));

        assertThat(body(chunked)).isEqualTo("hello world");
        assertThat(body(untilClose)).isEqualTo("until the end");
        assertThat(client(interim)
                        .get(url("http://feeds.test:" + interim.port() + "/"), Map.of())
                        .status())
                .isEqualTo(404);

        OutboundRules tenBytes = new OutboundRules(Ports.DEFAULT, Duration.ofSeconds(10), 10, 5);
        for (RawServer big : List.of(
                serve(RawServer.answering("HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\n")), // refused unread
                chunked,
                untilClose)) {
            GuardedHttp http = TestOutbound.client(tenBytes, resolver, TestOutbound.publicExcept(big.address()));
            assertThatThrownBy(() -> http.get(url("http://feeds.test:" + big.port() + "/"), Map.of()))
                    .hasMessage("larger than 10 bytes");
        }
    }

    @Test
    void whatANonHttpServerSaysIsNeverQuoted() throws Exception {
        resolver.map("feeds.test", "127.0.0.1");
        for (String answer : List.of(
                SECRET,
                "HTTP/1.1 200 OK\r\n" + SECRET + "\r\n\r\n",
                "HTTP/1.1 200 OK\r\nContent-Length: " + SECRET + "\r\n\r\n",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + SECRET,
                "HTTP/1.1 200 OK\r\nX: " + "y".repeat(70_000) + "\r\n\r\n")) {
            RawServer odd = serve(RawServer.answering(answer));
            assertThatThrownBy(() -> client(odd).get(url("http://feeds.test:" + odd.port() + "/"), Map.of()))
                    .isInstanceOf(OutboundException.class)
                    .message()
                    .doesNotContain("SECRET", "MariaDB", "yyy")
                    .startsWith("the answer");
        }
    }

    @Test
    void httpsSendsTheNameForSniAndChecksTheCertificateAgainstIt() throws Exception {
        List<String> sni = new java.util.concurrent.CopyOnWriteArrayList<>();
        RawServer tls = serve(RawServer.https(TestOutbound.tls(), (head, out, s) -> {
            ((ExtendedSSLSession) ((SSLSocket) s).getSession())
                    .getRequestedServerNames()
                    .forEach(n -> sni.add(((SNIHostName) n).getAsciiName()));
            out.write("HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nsecure".getBytes(StandardCharsets.ISO_8859_1));
        }));
        resolver.map("feeds.test", "127.0.0.1").map("other.test", "127.0.0.1");
        GuardedHttp http = client(tls);

        Response r = http.get(url("https://feeds.test:" + tls.port() + "/feed"), Map.of());

        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("secure");
        assertThat(sni).containsExactly("feeds.test");
        assertThat(tls.requests.get(0)).contains("\r\nHost: feeds.test:" + tls.port() + "\r\n");
        // the same server and certificate reached under another name: the certificate does not name it
        assertThatThrownBy(() -> http.get(url("https://other.test:" + tls.port() + "/feed"), Map.of()))
                .hasMessage("the TLS handshake with other.test failed"
                        + " (a certificate not trusted or not issued for that name, or no TLS)");
    }

    @Test
    void postSendsTheBodyAndDoesNotFollowRedirects() throws Exception {
        RawServer hook = serve(RawServer.http((head, out, s) -> {
            byte[] body = s.getInputStream().readNBytes(7);
            out.write(("HTTP/1.1 307 Temporary Redirect\r\nLocation: http://127.0.0.1:1/\r\nContent-Length: 7\r\n\r\n"
                            + new String(body, StandardCharsets.ISO_8859_1))
                    .getBytes(StandardCharsets.ISO_8859_1));
        }));
        resolver.map("hooks.test", "127.0.0.1");

        Response r = client(hook)
                .post(
                        url("http://hooks.test:" + hook.port() + "/in"),
                        Map.of("Content-Type", "application/json"),
                        "{\"a\":1}".getBytes(StandardCharsets.UTF_8));

        assertThat(r.status()).isEqualTo(307);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
        assertThat(hook.requests.get(0)).startsWith("POST /in HTTP/1.1\r\n").contains("Content-Length: 7\r\n");
    }

    private String body(RawServer server) throws Exception {
        Response r = client(server).get(url("http://feeds.test:" + server.port() + "/"), Map.of());
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    private GuardedHttp client(RawServer publicServer) {
        return TestOutbound.client(rules(), resolver, TestOutbound.publicExcept(publicServer.address()));
    }

    private RawServer serve(RawServer s) {
        servers.add(s);
        return s;
    }

    private static OutboundRules rules() {
        return rules(Duration.ofSeconds(10));
    }

    private static OutboundRules rules(Duration deadline) {
        return new OutboundRules(Ports.DEFAULT, deadline, 1024 * 1024, 5);
    }

    private static URI url(String s) {
        return URI.create(s);
    }
}
