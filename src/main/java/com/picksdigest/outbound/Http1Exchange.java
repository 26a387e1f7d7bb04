package com.picksdigest.outbound;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One HTTP/1.1 request and its answer (RFC 9112) over a socket {@link GuardedHttp} connected; the request says
 * {@code Connection: close}, so a socket carries one exchange. Bodies come framed by Content-Length, chunked, or by
 * the end of the connection. Every limit (line length, header count, body size, the deadline) fails with a sentence
 * of ours: nothing the server sent is ever quoted.
 */
final class Http1Exchange {
    static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.[01] ([1-9][0-9]{2})(?: .*)?");
    private static final int MAX_LINE = 8 * 1024;
    private static final int MAX_HEADER_BYTES = 64 * 1024;
    private static final int MAX_HEADERS = 100;

    /** The status line and headers; names are case-insensitive. */
    record Head(int status, Map<String, List<String>> headers) {}

    private final Socket socket;
    private final Deadline deadline;
    private final InputStream in;
    private int headerBytes;

    Http1Exchange(Socket socket, Deadline deadline) throws IOException {
        this.socket = socket;
        this.deadline = deadline;
        this.in = new BufferedInputStream(new DeadlineInput(socket.getInputStream()), 8192);
    }

    void send(String method, String target, String host, Map<String, String> headers, byte[] body) throws IOException {
        StringBuilder b = new StringBuilder(256)
                .append(method)
                .append(' ')
                .append(target)
                .append(" HTTP/1.1\r\nHost: ")
                .append(host)
                .append("\r\n");
        headers.forEach((k, v) -> b.append(k).append(": ").append(v).append("\r\n"));
        if (body != null) b.append("Content-Length: ").append(body.length).append("\r\n");
        b.append("Connection: close\r\n\r\n");
        OutputStream out = socket.getOutputStream();
        out.write(b.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) out.write(body);
        out.flush();
    }

    /** The final status line and headers: interim 1xx answers (100 Continue...) are read past. */
    Head head() throws IOException, OutboundException {
        while (true) {
            String line = line(true);
            if (line == null) throw new OutboundException("the server closed the connection without an answer");
            Matcher m = STATUS_LINE.matcher(line);
            if (!m.matches()) throw new OutboundException("the answer is not HTTP/1.1");
            int status = Integer.parseInt(m.group(1));
            Map<String, List<String>> headers = headers();
            if (status >= 200 || status == 101) return new Head(status, headers);
        }
    }

    byte[] body(String method, Head head, long maxBytes) throws IOException, OutboundException {
        int s = head.status();
        if (method.equals("HEAD") || s < 200 || s == 204 || s == 304) return new byte[0];
        List<String> codings = head.headers().get("Transfer-Encoding");
        if (codings != null) {
            String last = codings.get(codings.size() - 1);
            last = last.substring(last.lastIndexOf(',') + 1).strip();
            return last.equalsIgnoreCase("chunked") ? chunked(maxBytes) : untilClosed(maxBytes);
        }
        List<String> length = head.headers().get("Content-Length");
        return length == null ? untilClosed(maxBytes) : exactly(contentLength(length), maxBytes);
    }

    private Map<String, List<String>> headers() throws IOException, OutboundException {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        int count = 0;
        while (true) {
            String line = line(true);
            if (line == null) throw new OutboundException("the answer ended in the middle of its headers");
            if (line.isEmpty()) break;
            int colon = line.indexOf(':');
            if (colon <= 0 || !TOKEN.matcher(line.substring(0, colon)).matches()) {
                throw new OutboundException("the answer's headers are malformed");
            }
            if (++count > MAX_HEADERS) throw new OutboundException("the answer has more than 100 headers");
            headers.computeIfAbsent(line.substring(0, colon), k -> new ArrayList<>())
                    .add(line.substring(colon + 1).strip());
        }
        headers.replaceAll((k, v) -> List.copyOf(v));
        return Collections.unmodifiableMap(headers);
    }

    private byte[] chunked(long maxBytes) throws IOException, OutboundException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line(false);
            if (sizeLine == null) throw new OutboundException("the answer ended in the middle of its body");
            String hex = sizeLine.split(";", 2)[0].strip();
            if (hex.isEmpty() || hex.length() > 15 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                throw new OutboundException("the answer's chunked body is malformed");
            }
            long size = Long.parseLong(hex, 16);
            if (size == 0) break;
            if (body.size() + size > maxBytes) throw tooLarge(maxBytes);
            body.write(readExactly((int) size));
            String end = line(false);
            if (end == null || !end.isEmpty()) throw new OutboundException("the answer's chunked body is malformed");
        }
        for (String trailer = line(true); trailer != null && !trailer.isEmpty(); trailer = line(true)) {
            // trailers carry nothing we use
        }
        return body.toByteArray();
    }

    private byte[] exactly(long length, long maxBytes) throws IOException, OutboundException {
        if (length > maxBytes) throw tooLarge(maxBytes);
        return readExactly((int) length);
    }

    private byte[] readExactly(int n) throws IOException, OutboundException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) throw new OutboundException("the answer ended before its announced length");
        return b;
    }

    private byte[] untilClosed(long maxBytes) throws IOException, OutboundException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        for (int n; (n = in.read(buf)) != -1; ) {
            body.write(buf, 0, n);
            if (body.size() > maxBytes) throw tooLarge(maxBytes);
        }
        return body.toByteArray();
    }

    private static long contentLength(List<String> values) throws OutboundException {
        long length = -1;
        for (String v : values) {
            for (String part : v.split(",")) {
                String p = part.strip();
                if (p.isEmpty() || p.length() > 18 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    throw new OutboundException("the answer's Content-Length is malformed");
                }
                long n = Long.parseLong(p);
                if (length != -1 && n != length)
                    throw new OutboundException("the answer's Content-Length is malformed");
                length = n;
            }
        }
        return length;
    }

    /**
     * A line without its CR LF (a bare LF is accepted too); null at the end of the stream before any byte.
     *
     * @param header counts towards the 64 KB all header lines may take (chunk size lines do not)
     */
    private String line(boolean header) throws IOException, OutboundException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(80);
        while (true) {
            int c = in.read();
            if (c == -1) {
                if (b.size() == 0) return null;
                throw new OutboundException("the answer ended in the middle of a line");
            }
            if (header && ++headerBytes > MAX_HEADER_BYTES)
                throw new OutboundException("the answer's headers are too long");
            if (c == '\n') break;
            if (b.size() >= MAX_LINE) throw new OutboundException("the answer's header lines are too long");
            b.write(c);
        }
        String s = b.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    static OutboundException tooLarge(long maxBytes) {
        long mb = 1024 * 1024;
        return new OutboundException(
                "larger than " + (maxBytes % mb == 0 ? maxBytes / mb + " MB" : maxBytes + " bytes"));
    }

    /** Before each read from the socket: the time left as its timeout, or the deadline's failure. */
    private final class DeadlineInput extends FilterInputStream {
        DeadlineInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            arm();
            return super.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            arm();
            return super.read(b, off, len);
        }

        private void arm() throws IOException {
            try {
                socket.setSoTimeout(deadline.socketTimeout());
            } catch (OutboundException e) {
                throw new DeadlinePassed();
            }
        }
    }

    /** The deadline passed between two reads; {@link GuardedHttp} reports it as such. */
    static final class DeadlinePassed extends IOException {
        DeadlinePassed() {
            super("deadline passed", null);
        }
    }
}
