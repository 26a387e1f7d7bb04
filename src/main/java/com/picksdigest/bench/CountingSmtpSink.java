package com.picksdigest.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * The bench's SMTP sink when Postfix's smtp-sink is not installed: accepts everything, keeps counts only, so
 * it costs as little as possible of the machine being measured.
 */
final class CountingSmtpSink implements AutoCloseable {
    private final ServerSocket server;
    final LongAdder messages = new LongAdder();
    final LongAdder bytes = new LongAdder();

    CountingSmtpSink() throws IOException {
        server = new ServerSocket(0, 256, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::accept, "sink-accept");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                Thread t = new Thread(() -> serve(s), "sink-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s;
                InputStream in = new BufferedInputStream(s.getInputStream(), 65536);
                OutputStream out = s.getOutputStream()) {
            reply(out, "220 sink ESMTP");
            StringBuilder line = new StringBuilder();
            boolean data = false;
            long size = 0;
            int lineLength = 0;
            boolean lineIsDot = false;
            int c;
            while ((c = in.read()) != -1) {
                if (data) {
                    // only "." alone on a line matters here; no strings are built for message lines
                    size++;
                    if (c == '\n') {
                        if (lineIsDot && lineLength <= 2) {
                            data = false;
                            messages.increment();
                            bytes.add(size);
                            reply(out, "250 2.0.0 Ok: queued");
                        }
                        lineLength = 0;
                        lineIsDot = false;
                    } else {
                        lineIsDot = lineLength == 0 ? c == '.' : lineIsDot && c == '\r';
                        lineLength++;
                    }
                    continue;
                }
                if (c != '\n') {
                    line.append((char) c);
                    continue;
                }
                String l = line.toString().strip();
                line.setLength(0);
                String cmd = l.length() >= 4 ? l.substring(0, 4).toUpperCase(Locale.ROOT) : l.toUpperCase(Locale.ROOT);
                switch (cmd) {
                    case "EHLO" -> reply(out, "250-sink\r\n250-PIPELINING\r\n250 8BITMIME");
                    case "DATA" -> {
                        data = true;
                        size = 0;
                        lineLength = 0;
                        reply(out, "354 End data with <CR><LF>.<CR><LF>");
                    }
                    case "QUIT" -> {
                        reply(out, "221 Bye");
                        return;
                    }
                    default -> reply(out, "250 Ok");
                }
            }
        } catch (IOException e) {
            // the client went away; nothing to count
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
