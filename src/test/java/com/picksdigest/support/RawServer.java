package com.picksdigest.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * A TCP server on a loopback address that answers each connection with a script: a banner like a database's, raw
 * HTTP written byte by byte, a body trickled a byte a second, TLS. It counts connections and keeps each request's
 * head, so a test can tell whether anything reached it at all.
 */
public final class RawServer implements AutoCloseable {
    /** What to do with one connection; {@code requestHead} is null when the server speaks first. */
    @FunctionalInterface
    public interface Script {
        void run(String requestHead, OutputStream out, Socket socket) throws Exception;
    }

    private final ServerSocket server;
    private final boolean speaksFirst;
    private final Script script;
    public final AtomicInteger connections = new AtomicInteger();
    public final List<String> requests = new CopyOnWriteArrayList<>();

    private RawServer(ServerSocket server, boolean speaksFirst, Script script) {
        this.server = server;
        this.speaksFirst = speaksFirst;
        this.script = script;
        Thread t = new Thread(this::accept, "raw-server-" + server.getLocalPort());
        t.setDaemon(true);
        t.start();
    }

    /** Reads each request's head (up to the blank line), then runs the script. */
    public static RawServer http(Script script) {
        return new RawServer(bind(loopback("127.0.0.1"), null), false, script);
    }

    /** The same over TLS with the given server identity. */
    public static RawServer https(SSLContext tls, Script script) {
        return new RawServer(bind(loopback("127.0.0.1"), tls), false, script);
    }

    /** Writes {@code banner} as soon as a connection opens, the way MySQL or SSH greet, and closes. */
    public static RawServer banner(String at, String banner) {
        return new RawServer(bind(loopback(at), null), true, (head, out, s) -> {
            out.write(banner.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        });
    }

    /** A whole HTTP answer, written as it is. */
    public static RawServer answering(String rawAnswer) {
        return http((head, out, s) -> out.write(rawAnswer.getBytes(StandardCharsets.ISO_8859_1)));
    }

    public int port() {
        return server.getLocalPort();
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            connections.incrementAndGet();
            Thread t = new Thread(() -> serve(s), "raw-server-conn");
            t.setDaemon(true);
            t.start();
        }
    }

    private void serve(Socket s) {
        try (s) {
            s.setSoTimeout(10_000);
            String head = null;
            if (!speaksFirst) {
                head = readHead(s.getInputStream());
                requests.add(head);
            }
            OutputStream out = s.getOutputStream();
            script.run(head, out, s);
            out.flush();
        } catch (Exception e) {
            // the client went away (as a deadline makes it) or the test is over
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4 && b.size() < 65536) {
            int c = in.read();
            if (c == -1) break;
            b.write(c);
            matched = (c == '\r' && (matched == 0 || matched == 2)) || (c == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1
                    : 0;
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    private static InetAddress loopback(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ServerSocket bind(InetAddress at, SSLContext tls) {
        try {
            ServerSocket s = tls == null
                    ? new ServerSocket()
                    : tls.getServerSocketFactory().createServerSocket();
            s.bind(new InetSocketAddress(at, 0), 50);
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
