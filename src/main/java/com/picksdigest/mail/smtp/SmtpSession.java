package com.picksdigest.mail.smtp;

import com.picksdigest.config.SmtpConfig;
import com.picksdigest.mail.Envelope;
import com.picksdigest.mail.MessagePayload;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One ESMTP session with the relay, written for bulk sending: with PIPELINING the envelope and DATA go in one
 * write and their replies are read together, and the message bytes, already safe for DATA, are copied to the
 * socket as they are. Jakarta Mail's transport does a round trip per command and inspects every byte of every
 * message on its way out; at a digest per subscriber both showed at the top of the profile.
 */
final class SmtpSession implements Closeable {
    private static final int MAX_LINE = 8 * 1024;
    private static final int MAX_REPLY_LINES = 100;
    private static final byte[] END_OF_DATA = ".\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CRLF = {'\r', '\n'};

    /** A relay that cannot be used: the connection, greeting, TLS or authentication failed. */
    static final class Refused extends IOException {
        Refused(String message) {
            super(message);
        }
    }

    private final SmtpConfig cfg;
    private final SSLSocketFactory tls;
    private final WriteWatchdog.Watch watch;
    private Socket socket;
    private InputStream in;
    private DataOutput out;
    private boolean pipelining;
    /** The envelope sent ahead and answered with 354 (or refused, see openFailure). */
    private Envelope opened;

    private SmtpReply openFailure;
    private final Set<String> extensions = new HashSet<>();
    private final Set<String> authMechanisms = new HashSet<>();
    private final byte[] line = new byte[MAX_LINE];

    private SmtpSession(SmtpConfig cfg, SSLSocketFactory tls) {
        this.cfg = cfg;
        this.tls = tls;
        this.watch = WriteWatchdog.INSTANCE.watch(this::closeSocket, cfg.timeout());
    }

    /** Connects, greets, secures and authenticates as configured; any failure closes the socket and throws. */
    static SmtpSession open(SmtpConfig cfg, String heloName, SSLSocketFactory tls) throws IOException {
        SmtpSession s = new SmtpSession(cfg, tls);
        try {
            s.connect(heloName);
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private void connect(String heloName) throws IOException {
        String host = cfg.requireHost();
        int timeoutMs = (int) cfg.timeout().toMillis();
        Socket plain = cfg.tls() == SmtpConfig.Tls.SSL ? tls.createSocket() : new Socket();
        socket = plain;
        plain.setTcpNoDelay(true);
        plain.setSoTimeout(timeoutMs);
        plain.connect(new InetSocketAddress(host, cfg.port()), timeoutMs);
        if (plain instanceof SSLSocket ssl) handshake(ssl, host);
        streams();
        expect(read(), 220, "greeting");
        ehlo(heloName);
        if (cfg.tls() == SmtpConfig.Tls.STARTTLS) {
            if (!extensions.contains("STARTTLS")) throw new Refused("the relay does not offer STARTTLS");
            command("STARTTLS");
            expect(read(), 220, "STARTTLS");
            SSLSocket ssl = (SSLSocket) tls.createSocket(socket, host, cfg.port(), true);
            socket = ssl;
            handshake(ssl, host);
            streams();
            ehlo(heloName); // RFC 3207: what was learnt before TLS is forgotten
        }
        if (cfg.user().isPresent()) authenticate(cfg.user().get(), cfg.password());
    }

    private static void handshake(SSLSocket ssl, String host) throws IOException {
        SSLParameters p = ssl.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the relay
        ssl.setSSLParameters(p);
        ssl.startHandshake();
    }

    private void streams() throws IOException {
        in = new BufferedInputStream(socket.getInputStream(), 8 * 1024);
        out = new DataOutput(new BufferedOutputStream(new WatchedOutput(socket.getOutputStream()), 64 * 1024));
    }

    private void ehlo(String heloName) throws IOException {
        extensions.clear();
        authMechanisms.clear();
        command("EHLO " + heloName);
        List<String> lines = new ArrayList<>();
        SmtpReply reply = read(lines);
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] words = line.toUpperCase(Locale.ROOT).split("[ =]+");
            extensions.add(words[0]);
            if (words[0].equals("AUTH")) {
                for (int w = 1; w < words.length; w++) authMechanisms.add(words[w]);
            }
        }
        if (reply.code() == 250) {
            pipelining = extensions.contains("PIPELINING");
            return;
        }
        // a relay that does not speak ESMTP
        command("HELO " + heloName);
        expect(read(), 250, "HELO");
        pipelining = false;
    }

    private void authenticate(String user, String password) throws IOException {
        Base64.Encoder b64 = Base64.getEncoder();
        if (authMechanisms.contains("PLAIN")) {
            String plain = "\0" + user + "\0" + password;
            command("AUTH PLAIN " + b64.encodeToString(plain.getBytes(StandardCharsets.UTF_8)));
        } else if (authMechanisms.contains("LOGIN")) {
            command("AUTH LOGIN");
            expect(read(), 334, "AUTH LOGIN");
            command(b64.encodeToString(user.getBytes(StandardCharsets.UTF_8)));
            expect(read(), 334, "AUTH LOGIN");
            command(b64.encodeToString(password.getBytes(StandardCharsets.UTF_8)));
        } else {
            throw new Refused("PICKS_SMTP_USER is set but the relay offers no AUTH PLAIN or LOGIN on this connection"
                    + (cfg.tls() == SmtpConfig.Tls.NONE ? " (it may require PICKS_SMTP_TLS=starttls)" : ""));
        }
        expect(read(), 235, "authentication");
    }

    /**
     * One message to one recipient. Returns the first reply that is not the expected one (the transaction then
     * ended there), or the relay's reply to the final dot. Either way the caller learns the outcome from the
     * code; an IOException means the connection broke and the outcome is unknown.
     *
     * @param next the message the caller will send after this one, if known: with PIPELINING its envelope and
     *             DATA go out right behind this message's final dot (RFC 2920 allows message content first in a
     *             group), so a message costs one round trip. The caller must then send exactly that next, or close.
     */
    SmtpReply send(Envelope envelope, MessagePayload message, Envelope next) throws IOException {
        if (envelope.equals(opened)) {
            opened = null;
            if (openFailure != null) return openFailure;
        } else {
            if (opened != null) throw new IllegalStateException("an envelope for another message is open");
            SmtpReply r = openEnvelope(envelope);
            if (r != null) return r;
        }
        boolean ahead = pipelining && next != null;
        out.lineStart = true;
        message.writeTo(out);
        if (!out.lineStart) out.write(CRLF);
        out.write(END_OF_DATA);
        if (ahead) out.write(envelopeCommands(next));
        out.flush();
        SmtpReply reply = read();
        if (ahead) readAhead(next);
        return reply;
    }

    /** Sends MAIL, RCPT and DATA; null once the relay waits for the content, else the reply that refused. */
    private SmtpReply openEnvelope(Envelope e) throws IOException {
        SmtpReply r;
        if (pipelining) {
            // RFC 2920: DATA may close a group; its 354 is read before any message byte is sent
            out.write(envelopeCommands(e));
            out.flush();
            return envelopeReplies();
        }
        command(mailFrom(e));
        if ((r = read()).code() != 250) return r;
        command("RCPT TO:<" + e.to() + ">");
        if ((r = read()).code() != 250 && r.code() != 251) return r;
        command("DATA");
        return (r = read()).code() != 354 ? r : null;
    }

    /** The replies to a pipelined MAIL, RCPT and DATA: null once the relay waits for the content, else the refusal. */
    private SmtpReply envelopeReplies() throws IOException {
        SmtpReply r;
        if ((r = read()).code() != 250) return r;
        if ((r = read()).code() != 250 && r.code() != 251) return r;
        return (r = read()).code() != 354 ? r : null;
    }

    /**
     * The replies to the next message's envelope, sent ahead. A refusal (or a broken connection) is kept as that
     * message's outcome: the message whose dot was already answered is not affected by it.
     */
    private void readAhead(Envelope next) {
        opened = next;
        openFailure = null;
        try {
            openFailure = envelopeReplies();
        } catch (IOException e) {
            openFailure = new SmtpReply(421, "the connection broke before the message was sent: " + e.getMessage());
        }
    }

    private static byte[] envelopeCommands(Envelope e) {
        return utf8(mailFrom(e) + "\r\n" + "RCPT TO:<" + e.to() + ">" + "\r\nDATA\r\n");
    }

    /** RFC 6531: an envelope with a UTF-8 address says so on MAIL FROM (the caller checked the relay offers it). */
    private static String mailFrom(Envelope e) {
        return e.needsSmtpUtf8() ? "MAIL FROM:<" + e.from() + "> SMTPUTF8" : "MAIL FROM:<" + e.from() + ">";
    }

    /**
     * The envelope sent ahead, or null: the relay then waits for that message's content, which only that message
     * or closing the connection may end (anything else would be taken as content).
     */
    Envelope opened() {
        return opened;
    }

    private void command(String line) throws IOException {
        out.write(utf8(line + "\r\n"));
        out.flush();
    }

    private static void expect(SmtpReply reply, int code, String step) throws Refused {
        if (reply.code() != code) throw new Refused(step + " answered " + reply);
    }

    private SmtpReply read() throws IOException {
        return read(null);
    }

    /**
     * Reads one reply, possibly of several lines (250-...; 250 ...).
     *
     * @param lines if not null, receives the text of each line (at most {@value #MAX_REPLY_LINES})
     */
    private SmtpReply read(List<String> lines) throws IOException {
        StringBuilder text = new StringBuilder();
        while (true) {
            String line = readLine();
            if (line.length() < 3
                    || !Character.isDigit(line.charAt(0))
                    || !Character.isDigit(line.charAt(1))
                    || !Character.isDigit(line.charAt(2))
                    || (line.length() > 3 && line.charAt(3) != ' ' && line.charAt(3) != '-')) {
                throw new IOException("the relay sent a malformed reply: " + printable(line));
            }
            String t = line.length() > 4 ? line.substring(4).strip() : "";
            if (lines != null && lines.size() < MAX_REPLY_LINES) lines.add(t);
            if (!t.isEmpty()) text.append(text.length() == 0 ? "" : " ").append(t);
            if (line.length() == 3 || line.charAt(3) == ' ') {
                return new SmtpReply(Integer.parseInt(line.substring(0, 3)), printable(text.toString()));
            }
        }
    }

    private String readLine() throws IOException {
        int len = 0;
        while (true) {
            int c = in.read();
            if (c < 0) throw new EOFException("the relay closed the connection");
            if (c == '\n') break;
            if (len == MAX_LINE) throw new IOException("the relay sent a reply line over " + MAX_LINE + " bytes");
            line[len++] = (byte) c;
        }
        if (len > 0 && line[len - 1] == '\r') len--;
        return new String(line, 0, len, StandardCharsets.UTF_8);
    }

    private static String printable(String s) {
        return s.replaceAll("\\p{Cntrl}", " ").strip();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** The same bytes as ASCII for a plain command; UTF-8 only reaches a relay that offered SMTPUTF8. */
    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    boolean smtpUtf8() {
        return extensions.contains("SMTPUTF8");
    }

    boolean pipelining() {
        return pipelining;
    }

    /** Says QUIT without waiting for the answer, then closes: the relay has nothing more to tell us. */
    @Override
    public void close() {
        // in the middle of DATA a QUIT would be taken as message content
        if (out != null && socket != null && !socket.isClosed() && opened == null) {
            try {
                out.write(ascii("QUIT\r\n"));
                out.flush();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        closeSocket();
        watch.cancel();
    }

    private void closeSocket() {
        try {
            if (socket != null) socket.close();
        } catch (IOException ignored) {
            // nothing left to do with it
        }
    }

    /**
     * Every write that reaches the socket runs under the watchdog: a relay that stops reading must not hang the
     * worker, while a slow link that keeps taking bytes is never cut off mid-message.
     */
    private final class WatchedOutput extends OutputStream {
        private final OutputStream socketOut;

        WatchedOutput(OutputStream socketOut) {
            this.socketOut = socketOut;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            watch.start();
            try {
                socketOut.write(b, off, len);
            } finally {
                watch.stop();
            }
        }

        @Override
        public void flush() throws IOException {
            socketOut.flush();
        }
    }

    /** Passes bytes through and remembers whether the last one ended a line, so the final dot starts a line. */
    private static final class DataOutput extends OutputStream {
        private final OutputStream out;
        boolean lineStart = true;

        DataOutput(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            lineStart = b == '\n';
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len == 0) return;
            out.write(b, off, len);
            lineStart = b[off + len - 1] == '\n';
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }
}
