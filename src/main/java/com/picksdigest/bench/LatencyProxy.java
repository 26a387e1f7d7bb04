package com.picksdigest.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A relay far away, on loopback: a TCP proxy in front of the sink that holds every chunk of bytes for half the
 * round-trip time in each direction, so the bench can show what worker counts do against a remote relay.
 */
final class LatencyProxy implements AutoCloseable {
    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final long halfRttNanos;

    LatencyProxy(String targetHost, int targetPort, int rttMillis) throws IOException {
        this.server = new ServerSocket(0, 256, InetAddress.getLoopbackAddress());
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.halfRttNanos = TimeUnit.MILLISECONDS.toNanos(rttMillis) / 2;
        daemon("proxy-accept", this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket target = new Socket(targetHost, targetPort);
                client.setTcpNoDelay(true);
                target.setTcpNoDelay(true);
                pipe(client, target);
                pipe(target, client);
            } catch (IOException e) {
                if (server.isClosed()) return;
            }
        }
    }

    private record Chunk(long dueNanos, byte[] bytes) {}

    /** One direction: a reader that stamps each chunk, a writer that sends it once its time has come. */
    private void pipe(Socket from, Socket to) throws IOException {
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
        daemon("proxy-read", () -> {
            byte[] buf = new byte[64 * 1024];
            try {
                int n;
                while ((n = in.read(buf)) > 0)
                    queue.add(new Chunk(System.nanoTime() + halfRttNanos, Arrays.copyOf(buf, n)));
            } catch (IOException ignored) {
                // the connection ended
            }
            queue.add(new Chunk(0, null));
        });
        daemon("proxy-write", () -> {
            try {
                while (true) {
                    Chunk c = queue.take();
                    if (c.bytes() == null) break;
                    long wait;
                    while ((wait = c.dueNanos() - System.nanoTime()) > 0) LockSupport.parkNanos(wait);
                    out.write(c.bytes());
                }
            } catch (IOException | InterruptedException ignored) {
                // the connection ended
            } finally {
                closeQuietly(to);
                closeQuietly(from);
            }
        });
    }

    private static void daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
