package com.picksdigest.support;

import com.picksdigest.outbound.AddressPolicy;
import com.picksdigest.outbound.GuardedHttp;
import com.picksdigest.outbound.OutboundRules;
import com.picksdigest.outbound.Resolver;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.Optional;
import javax.net.SocketFactory;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The guarded client as tests build it: the production address policy except for the test servers named (the only
 * addresses treated as public), a {@link TestResolver}, and sockets that refuse to connect anywhere but loopback,
 * so that even a broken guard can never reach a private, link-local or public address from a test.
 */
public final class TestOutbound {
    /** The name the feed tests give their loopback feed server. */
    public static final String FEEDS_HOST = "feeds.test";

    private TestOutbound() {}

    /** Production's policy, with exactly these address+port pairs let through as if they were public. */
    public static AddressPolicy publicExcept(InetSocketAddress... endpoints) {
        List<InetSocketAddress> allowed = List.of(endpoints);
        AddressPolicy production = AddressPolicy.publicOnly();
        return (address, port) -> allowed.contains(new InetSocketAddress(address, port))
                ? Optional.empty()
                : production.refusal(address, port);
    }

    public static GuardedHttp client(OutboundRules rules, Resolver resolver, AddressPolicy policy) {
        return new GuardedHttp(rules, resolver, policy, loopbackOnly(), tls().getSocketFactory());
    }

    /** The feeds' client (5 MB, 30 s) with feeds.test resolving to the feed server, which alone counts as public. */
    public static GuardedHttp forFeeds(FeedServer server) {
        return forFeeds(server, new TestResolver(), OutboundRules.of(5 * 1024 * 1024));
    }

    public static GuardedHttp forFeeds(FeedServer server, TestResolver resolver, OutboundRules rules) {
        resolver.map(FEEDS_HOST, server.address().getAddress().getHostAddress());
        return client(rules, resolver, publicExcept(server.address()));
    }

    /** Plain sockets that throw AssertionError on a connection to anything but loopback. */
    public static SocketFactory loopbackOnly() {
        return new SocketFactory() {
            @Override
            public Socket createSocket() {
                return new Socket() {
                    @Override
                    public void connect(SocketAddress endpoint, int timeout) throws IOException {
                        InetAddress a = ((InetSocketAddress) endpoint).getAddress();
                        if (a == null || !a.isLoopbackAddress()) {
                            throw new AssertionError("a test tried to connect to " + endpoint);
                        }
                        super.connect(endpoint, timeout);
                    }
                };
            }

            @Override
            public Socket createSocket(String host, int port) {
                throw new UnsupportedOperationException("connect through createSocket()");
            }

            @Override
            public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
                throw new UnsupportedOperationException("connect through createSocket()");
            }

            @Override
            public Socket createSocket(InetAddress host, int port) {
                throw new UnsupportedOperationException("connect through createSocket()");
            }

            @Override
            public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
                throw new UnsupportedOperationException("connect through createSocket()");
            }
        };
    }

    /**
     * TLS with the test certificate (CN and DNS name feeds.test, EC P-256, valid until 2126), trusted by the
     * client side and served by {@link RawServer#https}; nothing else is trusted.
     */
    public static SSLContext tls() {
        try (InputStream in = TestOutbound.class.getResourceAsStream("/outbound/feeds-test.p12")) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, "changeit".toCharArray());
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, "changeit".toCharArray());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return c;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
