package com.picksdigest.providers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.picksdigest.outbound.GuardedHttp;
import com.picksdigest.support.RawServer;
import com.picksdigest.support.TestOutbound;
import com.picksdigest.support.TestResolver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.net.SocketFactory;

/**
 * SNS as the tests play it: https://sns.us-east-1.amazonaws.com is a loopback TLS server with a certificate made here
 * (trusted by the test's client only), serving a signing certificate made here and answering subscription
 * confirmations; messages are signed with that certificate's key the way SNS signs them.
 */
final class FakeSns implements AutoCloseable {
    static final String HOST = "sns.us-east-1.amazonaws.com";
    static final String CERT_PATH = "/SimpleNotificationService-0000000000000000000000.pem";
    static final String CERT_URL = "https://" + HOST + CERT_PATH;
    private static final ObjectMapper JSON = new ObjectMapper();

    final KeyPair signing = TestKeys.rsa();
    final RawServer server;
    final TestResolver resolver = new TestResolver();
    private final X509Certificate tlsCert;

    FakeSns(Instant now) {
        KeyPair tlsKeys = TestKeys.rsa();
        tlsCert = TestKeys.selfSigned(tlsKeys, HOST, HOST, now, 30);
        String pem = TestKeys.pem(TestKeys.selfSigned(signing, "sns.amazonaws.com", null, now, 30));
        server = RawServer.https(TestKeys.serving(tlsKeys, tlsCert), (head, out, socket) -> {
            String path = head.substring(head.indexOf(' ') + 1, head.indexOf(' ', head.indexOf(' ') + 1));
            String body = path.equals(CERT_PATH)
                    ? pem
                    : path.startsWith("/?Action=ConfirmSubscription")
                            ? "<ConfirmSubscriptionResponse><ConfirmSubscriptionResult><SubscriptionArn>"
                                    + "arn:aws:sns:us-east-1:123456789012:picks-bounces:1</SubscriptionArn>"
                                    + "</ConfirmSubscriptionResult></ConfirmSubscriptionResponse>"
                            : null;
            byte[] b = (body == null ? "not here" : body).getBytes(StandardCharsets.UTF_8);
            out.write(("HTTP/1.1 " + (body == null ? "404 Not Found" : "200 OK") + "\r\nContent-Length: " + b.length
                            + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write(b);
        });
        resolver.map(HOST, "127.0.0.1");
    }

    /** The guarded client with production's rules and address policy, but with SNS's host on this server and its certificate trusted. */
    GuardedHttp client() {
        InetSocketAddress https = new InetSocketAddress(InetAddress.getLoopbackAddress(), 443);
        return new GuardedHttp(
                BounceHookRoutes.FETCH_RULES,
                resolver,
                TestOutbound.publicExcept(https),
                portTo(server.port()),
                TestKeys.trustingOnly(tlsCert).getSocketFactory());
    }

    /** The requests the server got, by their first line. */
    List<String> requestLines() {
        return server.requests.stream()
                .map(h -> h.substring(0, h.indexOf('\r')))
                .toList();
    }

    /** {@code fields} as SNS posts them, signed (SignatureVersion 1 or 2) with the certificate at {@code certUrl}. */
    String signed(Map<String, String> fields, int version, String certUrl) {
        return signed(fields, version, certUrl, signing);
    }

    String signed(Map<String, String> fields, int version, String certUrl, KeyPair key) {
        String type = fields.get("Type");
        List<String> order = type.equals("Notification")
                ? List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type")
                : List.of("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type");
        StringBuilder canonical = new StringBuilder();
        for (String f : order) {
            if (fields.containsKey(f))
                canonical.append(f).append('\n').append(fields.get(f)).append('\n');
        }
        try {
            Signature s = Signature.getInstance(version == 1 ? "SHA1withRSA" : "SHA256withRSA");
            s.initSign(key.getPrivate());
            s.update(canonical.toString().getBytes(StandardCharsets.UTF_8));
            ObjectNode n = JSON.createObjectNode();
            new TreeMap<>(fields).forEach(n::put);
            n.put("SignatureVersion", String.valueOf(version));
            n.put("Signature", Base64.getEncoder().encodeToString(s.sign()));
            n.put("SigningCertURL", certUrl);
            n.put("UnsubscribeURL", "https://" + HOST + "/?Action=Unsubscribe&SubscriptionArn=x");
            return n.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }

    /** Sockets that reach loopback only, with port 443 (where https URLs go) turned into the server's port. */
    private static SocketFactory portTo(int port) {
        return new SocketFactory() {
            @Override
            public Socket createSocket() {
                return new Socket() {
                    @Override
                    public void connect(SocketAddress endpoint, int timeout) throws IOException {
                        InetSocketAddress e = (InetSocketAddress) endpoint;
                        InetAddress a = e.getAddress();
                        if (a == null || !a.isLoopbackAddress()) {
                            throw new AssertionError("a test tried to connect to " + endpoint);
                        }
                        super.connect(new InetSocketAddress(a, e.getPort() == 443 ? port : e.getPort()), timeout);
                    }
                };
            }

            @Override
            public Socket createSocket(String host, int p) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Socket createSocket(String host, int p, InetAddress localHost, int localPort) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Socket createSocket(InetAddress host, int p) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Socket createSocket(InetAddress address, int p, InetAddress localAddress, int localPort) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
