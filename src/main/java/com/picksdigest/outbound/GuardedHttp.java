package com.picksdigest.outbound;

import com.picksdigest.outbound.OutboundException.Refused;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.net.SocketFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The one HTTP client for URLs fetched on someone's behalf (feeds; webhooks later). For every URL, and again for
 * every redirect: only http and https, only the allowed ports; the host is resolved once and every address it
 * resolves to is checked by the {@link AddressPolicy}; the connection then goes to a checked address itself, so a
 * second DNS answer (rebinding) cannot slip in between, while the Host header, TLS SNI and the certificate's host
 * name check still use the name from the URL. Redirects are followed by hand (GET only, at most
 * {@link OutboundRules#maxRedirects}); one deadline covers the whole fetch, even against a server that trickles
 * bytes; the body is capped. Failures are {@link OutboundException}s whose one-sentence messages never quote what
 * the server sent.
 *
 * <p>This is a small HTTP/1.1 client of its own because the JDK's {@code HttpClient} resolves host names itself and
 * cannot be handed the address to connect to while keeping the name for TLS.
 */
public final class GuardedHttp {
    private static final Set<String> OWN_HEADERS = Set.of("host", "content-length", "connection", "transfer-encoding");
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final OutboundRules rules;
    private final Resolver resolver;
    private final AddressPolicy policy;
    private final SocketFactory sockets;
    private final SSLSocketFactory tls;

    public GuardedHttp(OutboundRules rules, Resolver resolver, AddressPolicy policy) {
        this(rules, resolver, policy, SocketFactory.getDefault(), (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    /**
     * @param sockets makes the plain sockets connected to checked addresses
     * @param tls     wraps them for https (its trust decides which certificates are accepted)
     */
    public GuardedHttp(
            OutboundRules rules, Resolver resolver, AddressPolicy policy, SocketFactory sockets, SSLSocketFactory tls) {
        this.rules = rules;
        this.resolver = resolver;
        this.policy = policy;
        this.sockets = sockets;
        this.tls = tls;
    }

    /**
     * Why a fetch of {@code url} would be refused as its host resolves now, without connecting; empty when it would
     * not, or when the host does not resolve at all (the fetch will say so).
     */
    public Optional<String> refusal(URI url) {
        try {
            target(url, 0);
            return Optional.empty();
        } catch (Refused e) {
            return Optional.of(e.getMessage());
        } catch (OutboundException e) {
            return Optional.empty();
        }
    }

    /** GET, following redirects; the answer of whatever status, with its body unless it is a redirect. */
    public Response get(URI url, Map<String, String> headers) throws OutboundException {
        checkHeaders(headers);
        Deadline deadline = Deadline.after(rules.deadline());
        URI current = url;
        for (int hop = 0; ; hop++) {
            Response r = exchange(target(current, hop), "GET", headers, null, deadline);
            Optional<String> location = r.header("Location");
            if (!REDIRECTS.contains(r.status()) || location.isEmpty()) return r;
            if (hop == rules.maxRedirects()) {
                throw new Refused("refused: more than " + rules.maxRedirects() + " redirects");
            }
            current = next(current, location.get(), hop + 1);
        }
    }

    /** POST; a redirect is returned as it is (a webhook's payload is not re-sent elsewhere). */
    public Response post(URI url, Map<String, String> headers, byte[] body) throws OutboundException {
        checkHeaders(headers);
        return exchange(target(url, 0), "POST", headers, body, Deadline.after(rules.deadline()));
    }

    /** A checked place to connect to: every address of the host passed the policy. */
    private record Target(
            URI url, boolean tls, String host, String hostHeader, int port, List<InetAddress> addresses) {}

    private Target target(URI url, int hop) throws OutboundException {
        String refused = hop == 0 ? "refused: " : "refused after redirect " + hop + ": ";
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new Refused(refused + "only http and https links are fetched");
        }
        String host = url.getHost();
        if (host == null || host.isEmpty()) throw new Refused(refused + "the link has no valid host name");
        boolean https = scheme.equals("https");
        int defaultPort = https ? 443 : 80;
        int port = url.getPort() == -1 ? defaultPort : url.getPort();
        if (!rules.ports().allows(port)) {
            throw new Refused(refused + "port " + port + " is not allowed (only " + rules.ports() + ")");
        }
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(bare);
        } catch (UnknownHostException | IllegalArgumentException e) {
            throw new OutboundException("cannot resolve " + bare);
        }
        if (addresses.isEmpty()) throw new OutboundException("cannot resolve " + bare);
        for (InetAddress a : addresses) {
            Optional<String> what = policy.refusal(a, port);
            if (what.isPresent()) {
                String rule = literal(bare)
                        ? bare + " is " + what.get()
                        : bare + " resolves to " + text(a) + ", " + what.get();
                throw new Refused(refused + rule);
            }
        }
        String hostHeader = host + (port == defaultPort ? "" : ":" + port);
        return new Target(url, https, bare, hostHeader, port, List.copyOf(addresses));
    }

    private Response exchange(Target t, String method, Map<String, String> headers, byte[] body, Deadline deadline)
            throws OutboundException {
        IOException connectFailure = null;
        for (InetAddress address : t.addresses()) {
            deadline.check();
            Socket raw;
            try {
                raw = sockets.createSocket();
            } catch (IOException e) {
                throw new OutboundException("cannot open a socket: " + e.getMessage());
            }
            Runnable unwatch = deadline.closeAtDeadline(raw);
            try {
                try {
                    raw.connect(new InetSocketAddress(address, t.port()), deadline.socketTimeout());
                } catch (IOException e) {
                    connectFailure = e; // the next address, if the host has another
                    continue;
                }
                Socket s = t.tls() ? handshake(raw, t, deadline) : raw;
                Http1Exchange x = new Http1Exchange(s, deadline);
                x.send(method, requestTarget(t.url()), t.hostHeader(), headers, body);
                Http1Exchange.Head head = x.head();
                boolean redirect = method.equals("GET") && REDIRECTS.contains(head.status());
                byte[] bytes = redirect ? new byte[0] : x.body(method, head, rules.maxBytes());
                return new Response(t.url(), head.status(), head.headers(), bytes);
            } catch (IOException e) {
                throw failure(e, t, deadline);
            } finally {
                unwatch.run();
                try {
                    raw.close();
                } catch (IOException e) {
                    // nothing more to read or write
                }
            }
        }
        if (deadline.passed() || connectFailure instanceof SocketTimeoutException) throw deadline.expired();
        throw new OutboundException("cannot connect to " + t.host() + " port " + t.port()
                + (connectFailure == null || connectFailure.getMessage() == null
                        ? ""
                        : ": " + connectFailure.getMessage()));
    }

    private Socket handshake(Socket raw, Target t, Deadline deadline) throws IOException, OutboundException {
        SSLSocket s = (SSLSocket) tls.createSocket(raw, t.host(), t.port(), true);
        SSLParameters p = s.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the URL's host
        if (!literal(t.host())) {
            try {
                p.setServerNames(List.of(new SNIHostName(t.host())));
            } catch (IllegalArgumentException e) {
                // not a name SNI can carry (e.g. an underscore): the handshake goes without it
            }
        }
        s.setSSLParameters(p);
        s.setSoTimeout(deadline.socketTimeout());
        s.startHandshake();
        return s;
    }

    /** IOExceptions come from the JDK's sockets and TLS, never from parsing the answer, so their text is ours. */
    private static OutboundException failure(IOException e, Target t, Deadline deadline) {
        if (deadline.passed() || e instanceof SocketTimeoutException || e instanceof Http1Exchange.DeadlinePassed) {
            return deadline.expired();
        }
        if (e instanceof SSLHandshakeException) {
            return new OutboundException("the TLS handshake with " + t.host()
                    + " failed (a certificate not trusted or not issued for that name, or no TLS)");
        }
        if (e instanceof SSLException) return new OutboundException("the TLS connection with " + t.host() + " failed");
        return new OutboundException(
                "the connection to " + t.host() + " broke off" + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }

    private static URI next(URI current, String location, int hop) throws OutboundException {
        try {
            return current.resolve(new URI(location.strip()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new OutboundException("redirect " + hop + " has no valid Location");
        }
    }

    private static String requestTarget(URI url) {
        URI ascii = URI.create(url.toASCIIString());
        String path = ascii.getRawPath() == null || ascii.getRawPath().isEmpty() ? "/" : ascii.getRawPath();
        return ascii.getRawQuery() == null ? path : path + "?" + ascii.getRawQuery();
    }

    private static void checkHeaders(Map<String, String> headers) {
        headers.forEach((name, value) -> {
            if (!Http1Exchange.TOKEN.matcher(name).matches() || OWN_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("not a header the caller may set: " + name);
            }
            if (!value.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c != 0x7f && c <= 0xff))) {
                throw new IllegalArgumentException("invalid characters in the value of " + name);
            }
        });
    }

    /** An address literal (IPv6, or IPv4 in any of the spellings InetAddress takes), not a name. */
    private static boolean literal(String host) {
        return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }

    /** The address as people write it: IPv6 with its longest run of zero groups as "::". */
    static String text(InetAddress a) {
        String s = a.getHostAddress();
        int zone = s.indexOf('%');
        if (zone >= 0) s = s.substring(0, zone);
        if (!(a instanceof Inet6Address)) return s;
        String[] groups = s.split(":");
        int bestStart = -1, bestLength = 1;
        for (int i = 0; i < groups.length; ) {
            int j = i;
            while (j < groups.length && groups[j].equals("0")) j++;
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        if (bestStart < 0) return s;
        String head = String.join(":", List.of(groups).subList(0, bestStart));
        String tail = String.join(":", List.of(groups).subList(bestStart + bestLength, groups.length));
        return head + "::" + tail;
    }
}
