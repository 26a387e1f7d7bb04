package com.picksdigest.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback TCP forwarder the test can cut and restore: a server (the shared database, which must not be stopped)
 * becomes unreachable to one process and comes back, over real sockets. A cut closes every forwarded connection and
 * stops listening, so new connections are refused until {@link #restore()}.
 */
public final class TcpProxy implements AutoCloseable {
    private static final Pattern JDBC_HOST_PORT = Pattern.compile("^(jdbc:[a-z]+://)([^:/?]+):(\\d+)");

    private final InetSocketAddress target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private int port;
    private ServerSocket listener;

    private TcpProxy(InetSocketAddress target) {
        this.target = target;
    }

    public static TcpProxy to(String host, int port) {
        TcpProxy p = new TcpProxy(new InetSocketAddress(host, port));
        p.restore();
        return p;
    }

    /** A proxy in front of the server of a jdbc:mysql://host:port/... URL. */
    public static TcpProxy forJdbc(String url) {
        Matcher m = JDBC_HOST_PORT.matcher(url);
        if (!m.find()) throw new IllegalArgumentException("no host:port in " + url);
        return to(m.group(2), Integer.parseInt(m.group(3)));
    }

    /** The same URL, through this proxy. */
    public String jdbcUrl(String url) {
        return JDBC_HOST_PORT.matcher(url).replaceFirst("$1127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    public synchronized void restore() {
        if (listener != null) return;
        try {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            port = s.getLocalPort();
            listener = s;
            daemon("proxy-accept", () -> accept(s));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized void cut() {
        if (listener == null) return;
        closeQuietly(listener);
        listener = null;
        open.forEach(TcpProxy::closeQuietly);
        open.clear();
    }

    private void accept(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                Socket client = s.accept();
                Socket server = new Socket();
                try {
                    server.connect(target, 5000);
                } catch (IOException e) {
                    closeQuietly(client);
                    continue;
                }
                open.add(client);
                open.add(server);
                daemon("proxy-up", () -> pump(client, server));
                daemon("proxy-down", () -> pump(server, client));
            } catch (IOException closed) {
                return; // cut
            }
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buf = new byte[16 * 1024];
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException ended) {
            // either side went away; the other follows below
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing is best effort
        }
    }

    @Override
    public void close() {
        cut();
    }
}
