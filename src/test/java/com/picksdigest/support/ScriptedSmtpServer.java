package com.picksdigest.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import javax.net.ServerSocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A small, real ESMTP server on 127.0.0.1 whose failures are scripted by the test, so that the
 * sender's reaction to 4xx, 5xx, dropped connections and slow servers can be tested over a real
 * socket with the real client (it offers PIPELINING, as Postfix does).
 *
 * <p>Every scripted reaction is consumed once, in the order it was added. Reactions keyed by a
 * recipient address are consulted before those keyed by {@link #ANY}. A message is recorded in
 * {@link #received()} only when the server answers its end-of-data dot with 250 (it is recorded
 * even if the client has already given up waiting, as a real server would have queued it).
 *
 * <p>For runs of thousands of messages, {@link #countingOnly()} keeps just the recipients and Message-ID of each
 * accepted message ({@link #accepted()}) instead of every byte.
 *
 * <p>TLS, both ways a relay offers it: {@link #startSsl} (implicit TLS, port 465) and {@link #withStartTls}
 * (STARTTLS, RFC 3207), optionally {@link #requireStartTls() required}. {@link #commands()} tells which commands
 * arrived in clear.
 */
public final class ScriptedSmtpServer implements AutoCloseable {

    /** Key for reactions that apply to whichever recipient comes next. */
    public static final String ANY = "*";

    private static final String HOST = "scripted.test";
    private static final String DROP = "\u0000drop";
    private static final String STOP_READING = "\u0000stop reading";
    private static final int MAX_LINE = 64 * 1024;

    /**
     * @param tls whether the message came over TLS
     * @param bareLineFeed whether any line of it ended in LF without CR on the wire ({@code bytes} has CRLF anyway),
     *     which RFC 5321 2.3.8 forbids and some relays reject or, worse, read differently from the sender's intent
     */
    public record Received(String sender, List<String> recipients, byte[] bytes, boolean tls, boolean bareLineFeed) {
        /** The message as it arrived after dot-unstuffing, CRLF line ends, decoded as UTF-8. */
        public String data() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /**
     * One command line as it arrived, in order over all connections (the lines answering an AUTH LOGIN challenge
     * are not commands and are not kept).
     *
     * @param connection 1 for the first connection accepted, and so on
     * @param tls whether it came over TLS
     */
    public record Command(int connection, String line, boolean tls) {
        /** The command word in upper case, e.g. "MAIL". */
        public String verb() {
            return line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
        }
    }

    /** What is kept of every accepted message, also in counting mode. */
    public record Accepted(List<String> recipients, String messageId) {}

    private final ServerSocket serverSocket;
    private final boolean implicitTls;
    private final List<Command> commands = new CopyOnWriteArrayList<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Queue<Accepted> accepted = new ConcurrentLinkedQueue<>();
    private final AtomicInteger acceptedCount = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private final Set<Socket> openSockets = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final Queue<String> onConnect = new ConcurrentLinkedQueue<>();
    private final Queue<Duration> dataStalls = new ConcurrentLinkedQueue<>();
    private final Queue<Duration> connectStalls = new ConcurrentLinkedQueue<>();
    private final Map<String, Queue<String>> rcptReactions = new ConcurrentHashMap<>();
    private final Map<String, Queue<String>> dataReactions = new ConcurrentHashMap<>();
    private volatile String authUser;
    private volatile String authPassword;
    private volatile List<String> authMechanisms = List.of("PLAIN", "LOGIN");
    private volatile SSLContext startTls;
    private volatile boolean requireStartTls;
    private volatile boolean closed;
    private volatile boolean countingOnly;
    private volatile boolean smtpUtf8;
    private volatile String everyRcpt;
    private volatile String everyConnect;
    private volatile Duration everyData = Duration.ZERO;
    private final Queue<Long> connectionTimes = new ConcurrentLinkedQueue<>();

    private ScriptedSmtpServer(ServerSocket serverSocket, boolean implicitTls) {
        this.serverSocket = serverSocket;
        this.implicitTls = implicitTls;
    }

    public static ScriptedSmtpServer start() {
        return start(0);
    }

    /**
     * On a given port: a relay coming back where it was after an outage. The port may have been lent out meanwhile
     * as another connection's local port on a busy machine, so binding is tried again for a while.
     */
    public static ScriptedSmtpServer start(int port) {
        return start(port, ServerSocketFactory.getDefault(), false);
    }

    /** Implicit TLS ("SMTPS", port 465): every connection is TLS from its first byte, with the key of {@code serverContext}. */
    public static ScriptedSmtpServer startSsl(SSLContext serverContext) {
        return start(0, serverContext.getServerSocketFactory(), true);
    }

    private static ScriptedSmtpServer start(int port, ServerSocketFactory factory, boolean implicitTls) {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(port == 0 ? 0 : 15);
        while (true) {
            try {
                ServerSocket socket = factory.createServerSocket();
                socket.setReuseAddress(true);
                try {
                    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                } catch (IOException e) {
                    socket.close();
                    throw e;
                }
                ScriptedSmtpServer server = new ScriptedSmtpServer(socket, implicitTls);
                server.spawn("smtp-accept", server::acceptLoop);
                return server;
            } catch (IOException e) {
                if (System.nanoTime() > giveUp) {
                    throw new IllegalStateException("Cannot open a loopback server socket on port " + port + ".", e);
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
            }
        }
    }

    /** Keeps only {@link #accepted()} from now on; {@link #received()} is then refused. */
    /** EHLO offers SMTPUTF8 (RFC 6531), so a client may send UTF-8 addresses. */
    public ScriptedSmtpServer offerSmtpUtf8() {
        smtpUtf8 = true;
        return this;
    }

    public ScriptedSmtpServer countingOnly() {
        countingOnly = true;
        return this;
    }

    /** The next RCPT for {@code address} (or {@link #ANY}) gets {@code reply} instead of 250. */
    public ScriptedSmtpServer onRcpt(String address, String reply) {
        enqueue(rcptReactions, address, reply);
        return this;
    }

    /**
     * From now on every RCPT without a scripted reaction of its own gets {@code reply} (a relay greylisting or
     * rate-limiting for a while); null goes back to 250.
     */
    public ScriptedSmtpServer onEveryRcpt(String reply) {
        this.everyRcpt = reply;
        return this;
    }

    /** From now on every connection is greeted with {@code reply} and closed (a relay refusing service); null ends it. */
    public ScriptedSmtpServer onEveryConnect(String reply) {
        this.everyConnect = reply;
        return this;
    }

    /** From now on every end-of-data dot waits this long before it is answered: a slow relay. */
    public ScriptedSmtpServer slowEveryData(Duration delay) {
        this.everyData = delay;
        return this;
    }

    /** System.nanoTime() of every connection accepted, in order. */
    public List<Long> connectionTimes() {
        return List.copyOf(connectionTimes);
    }

    /** The next message with {@code address} (or {@link #ANY}) among its recipients gets {@code reply} after its dot. */
    public ScriptedSmtpServer onData(String address, String reply) {
        enqueue(dataReactions, address, reply);
        return this;
    }

    /** The next message for {@code address} (or {@link #ANY}): the socket closes after the first line of data. */
    public ScriptedSmtpServer onDataDrop(String address) {
        enqueue(dataReactions, address, DROP);
        return this;
    }

    /** The next connection is greeted with {@code reply}; a greeting other than 220 is followed by a close. */
    public ScriptedSmtpServer onConnect(String reply) {
        onConnect.add(reply);
        return this;
    }

    /** The next end-of-data dot waits this long before it is answered. */
    public ScriptedSmtpServer stallOnData(Duration delay) {
        dataStalls.add(delay);
        return this;
    }

    /** The next connection waits this long before its greeting: a relay that accepts and then hangs. */
    public ScriptedSmtpServer stallOnConnect(Duration delay) {
        connectStalls.add(delay);
        return this;
    }

    /** From now on MAIL needs a prior AUTH PLAIN or AUTH LOGIN with these credentials. */
    public ScriptedSmtpServer requireAuth(String user, String password) {
        this.authPassword = password;
        this.authUser = user;
        return this;
    }

    /** The AUTH mechanisms EHLO offers once {@link #requireAuth} is set, and the only ones accepted (default PLAIN LOGIN). */
    public ScriptedSmtpServer authMechanisms(String... mechanisms) {
        this.authMechanisms = List.of(mechanisms);
        return this;
    }

    /**
     * EHLO offers STARTTLS; on it the server answers 220, does the TLS handshake as the server with the key of
     * {@code serverContext}, and starts over as RFC 3207 4.2 says: no EHLO, sender or AUTH from before counts, and
     * anything the client sent after STARTTLS in clear is discarded.
     */
    public ScriptedSmtpServer withStartTls(SSLContext serverContext) {
        if (implicitTls) throw new IllegalStateException("an implicit-TLS server has no STARTTLS");
        this.startTls = serverContext;
        return this;
    }

    /**
     * Before STARTTLS, MAIL and AUTH get "530 Must issue a STARTTLS command first" and AUTH is not offered, as a
     * relay with Postfix's smtpd_tls_security_level=encrypt and smtpd_tls_auth_only does.
     */
    public ScriptedSmtpServer requireStartTls() {
        if (startTls == null) throw new IllegalStateException("call withStartTls first");
        this.requireStartTls = true;
        return this;
    }

    /** The next message for {@code address} (or {@link #ANY}): after 354 the server never reads from the socket again. */
    public ScriptedSmtpServer onDataStopReading(String address) {
        enqueue(dataReactions, address, STOP_READING);
        return this;
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    /** A snapshot of the accepted messages, in order of acceptance. */
    public List<Received> received() {
        if (countingOnly) throw new IllegalStateException("a counting server keeps no messages; use accepted()");
        return List.copyOf(received);
    }

    /** Recipients and Message-ID of every accepted message, in order of acceptance. */
    public List<Accepted> accepted() {
        return List.copyOf(accepted);
    }

    public int acceptedCount() {
        return acceptedCount.get();
    }

    public int connectionCount() {
        return connections.get();
    }

    /** Every command line received so far, in order. */
    public List<Command> commands() {
        return List.copyOf(commands);
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(serverSocket);
        openSockets.forEach(ScriptedSmtpServer::closeQuietly);
        threads.forEach(Thread::interrupt); // wakes stalled replies
    }

    private static void enqueue(Map<String, Queue<String>> reactions, String address, String reply) {
        reactions
                .computeIfAbsent(key(address), k -> new ConcurrentLinkedQueue<>())
                .add(reply);
    }

    private static String key(String address) {
        return address.trim().toLowerCase(Locale.ROOT);
    }

    private static String poll(Map<String, Queue<String>> reactions, List<String> addresses) {
        for (String address : addresses) {
            String reply = poll(reactions, address);
            if (reply != null) return reply;
        }
        return poll(reactions, ANY);
    }

    private static String poll(Map<String, Queue<String>> reactions, String address) {
        Queue<String> queue = reactions.get(key(address));
        return queue == null ? null : queue.poll();
    }

    private void spawn(String name, Runnable body) {
        Thread thread = new Thread(
                () -> {
                    try {
                        body.run();
                    } finally {
                        threads.remove(Thread.currentThread());
                    }
                },
                name);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket socket = serverSocket.accept();
                connectionTimes.add(System.nanoTime());
                int n = connections.incrementAndGet();
                openSockets.add(socket);
                spawn("smtp-conn-" + n, () -> {
                    try (socket) {
                        socket.setSoTimeout(60_000); // no test should leave a thread behind forever
                        new Conversation(socket, n).run();
                    } catch (IOException | InterruptedException ignored) {
                        // the client or close() ended the connection; nothing to record
                    } finally {
                        openSockets.remove(socket);
                    }
                });
            } catch (IOException e) {
                if (!closed) throw new IllegalStateException("accept failed", e);
            }
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing is best effort
        }
    }

    /** One SMTP conversation; not shared between threads. */
    private final class Conversation {
        private final int number;
        private Socket socket;
        private InputStream in;
        private OutputStream out;
        private boolean tls;
        private boolean ehloNeeded;
        private final byte[] buffer = new byte[16 * 1024];
        private int position;
        private int limit;
        private boolean bareLineFeed;
        private String sender;
        private final List<String> recipients = new ArrayList<>();
        private boolean authenticated;

        Conversation(Socket socket, int number) throws IOException {
            this.number = number;
            this.socket = socket;
            this.tls = implicitTls;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        }

        void run() throws IOException, InterruptedException {
            Duration stall = connectStalls.poll();
            if (stall != null) Thread.sleep(stall.toMillis());
            String greeting = onConnect.poll();
            if (greeting == null) greeting = everyConnect;
            if (greeting != null && !greeting.startsWith("220")) {
                reply(greeting);
                return;
            }
            reply(greeting != null ? greeting : "220 " + HOST + " ESMTP ScriptedSmtpServer");
            String line;
            while ((line = readLine()) != null) {
                Command command = new Command(number, line, tls);
                commands.add(command);
                switch (command.verb()) {
                    case "EHLO" -> ehlo();
                    case "HELO" -> {
                        reset();
                        ehloNeeded = false;
                        reply("250 " + HOST);
                    }
                    case "STARTTLS" -> startTls();
                    case "AUTH" -> auth(line);
                    case "MAIL" -> mail(line);
                    case "RCPT" -> {
                        if (!rcpt(line)) return;
                    }
                    case "DATA" -> {
                        if (!data()) return;
                    }
                    case "RSET" -> {
                        reset();
                        reply("250 2.0.0 OK");
                    }
                    case "NOOP" -> reply("250 2.0.0 OK");
                    case "QUIT" -> {
                        reply("221 2.0.0 Bye");
                        return;
                    }
                    default -> reply("502 5.5.2 Command not recognized");
                }
            }
        }

        private void ehlo() throws IOException {
            reset();
            ehloNeeded = false;
            List<String> lines = new ArrayList<>(List.of(HOST, "PIPELINING", "8BITMIME", "SIZE 52428800"));
            if (startTls != null && !tls) lines.add("STARTTLS");
            if (smtpUtf8) lines.add("SMTPUTF8");
            if (authUser != null && (tls || !requireStartTls)) lines.add("AUTH " + String.join(" ", authMechanisms));
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < lines.size(); i++) {
                sb.append("250")
                        .append(i < lines.size() - 1 ? '-' : ' ')
                        .append(lines.get(i))
                        .append("\r\n");
            }
            write(sb.toString());
        }

        private void startTls() throws IOException {
            SSLContext context = startTls;
            if (context == null || tls) {
                reply("502 5.5.1 STARTTLS not offered");
                return;
            }
            reply("220 2.0.0 Ready to start TLS");
            // RFC 3207 5: lines pipelined after STARTTLS came in clear and could have been injected; they are dropped
            position = 0;
            limit = 0;
            // layered on the accepted socket, so close() still ends it by closing that one
            SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(socket, null, true);
            ssl.startHandshake();
            socket = ssl;
            in = ssl.getInputStream();
            out = ssl.getOutputStream();
            tls = true;
            reset();
            authenticated = false;
            ehloNeeded = true;
        }

        private boolean tlsMissing() throws IOException {
            if (requireStartTls && !tls) {
                reply("530 5.7.0 Must issue a STARTTLS command first");
                return true;
            }
            if (ehloNeeded) {
                reply("503 5.5.1 EHLO first, the session started over with TLS");
                return true;
            }
            return false;
        }

        private void auth(String line) throws IOException {
            if (tlsMissing()) return;
            String[] parts = line.split(" ");
            String mechanism = parts.length > 1 ? parts[1].toUpperCase(Locale.ROOT) : "";
            if (!authMechanisms.contains(mechanism)) {
                reply("504 5.5.4 Unrecognized authentication type");
                return;
            }
            String user;
            String password;
            if (mechanism.equals("PLAIN")) {
                String response = parts.length > 2 ? parts[2] : challenge("");
                if (response == null) return;
                String[] fields = decode(response).split("\u0000", -1);
                if (fields.length != 3) {
                    reply("501 5.5.2 Malformed AUTH PLAIN response");
                    return;
                }
                user = fields[1];
                password = fields[2];
            } else if (mechanism.equals("LOGIN")) {
                String u = parts.length > 2 ? parts[2] : challenge(b64("Username:"));
                String p = u == null ? null : challenge(b64("Password:"));
                if (p == null) return;
                user = decode(u);
                password = decode(p);
            } else {
                reply("504 5.5.4 Unrecognized authentication type");
                return;
            }
            authenticated = authUser != null && authUser.equals(user) && authPassword.equals(password);
            reply(
                    authenticated
                            ? "235 2.7.0 Authentication successful"
                            : "535 5.7.8 Authentication credentials invalid");
        }

        private String challenge(String text) throws IOException {
            reply("334 " + text);
            return readLine();
        }

        private void mail(String line) throws IOException {
            if (tlsMissing()) return;
            if (authUser != null && !authenticated) {
                reply("530 5.7.0 Authentication required");
            } else if (sender != null) {
                reply("503 5.5.1 Nested MAIL command");
            } else {
                sender = address(line);
                reply("250 2.1.0 OK");
            }
        }

        private boolean rcpt(String line) throws IOException {
            if (sender == null) {
                reply("503 5.5.1 MAIL first");
                return true;
            }
            String recipient = address(line);
            String scripted = poll(rcptReactions, List.of(recipient));
            if (scripted == null) scripted = everyRcpt;
            if (scripted == null || scripted.startsWith("2")) recipients.add(recipient);
            reply(scripted != null ? scripted : "250 2.1.5 OK");
            return !closing(scripted);
        }

        /** RFC 5321 4.2.2: after 421 the server closes the transmission channel. */
        private boolean closing(String reply) {
            return reply != null && reply.startsWith("421");
        }

        /** Returns false when the connection is to end here. */
        private boolean data() throws IOException, InterruptedException {
            if (recipients.isEmpty()) {
                reply("554 5.5.1 No valid recipients");
                return true;
            }
            String scripted = poll(dataReactions, recipients);
            reply("354 End data with <CR><LF>.<CR><LF>");
            if (DROP.equals(scripted)) {
                readLine(); // read some of the data, so the client is mid-transfer when the socket goes
                return false;
            }
            if (STOP_READING.equals(scripted)) {
                Thread.sleep(60_000); // until close() interrupts; the client's writes fill the socket buffers
                return false;
            }
            Data message = readData();
            if (message == null) return false;
            Duration stall = dataStalls.poll();
            if (stall == null) stall = everyData;
            if (!stall.isZero()) Thread.sleep(stall.toMillis());
            String answer = scripted != null ? scripted : "250 2.0.0 OK queued as " + (acceptedCount.get() + 1);
            if (answer.startsWith("250")) {
                accepted.add(new Accepted(List.copyOf(recipients), message.messageId()));
                acceptedCount.incrementAndGet();
                if (!countingOnly) {
                    received.add(new Received(
                            sender, List.copyOf(recipients), message.bytes(), tls, message.bareLineFeed()));
                }
            }
            reset();
            reply(answer);
            return !closing(answer);
        }

        private record Data(byte[] bytes, String messageId, boolean bareLineFeed) {}

        private Data readData() throws IOException {
            bareLineFeed = false;
            ByteArrayOutputStream message = new ByteArrayOutputStream();
            String messageId = null;
            boolean inHeaders = true;
            byte[] line;
            while ((line = readRawLine()) != null) {
                if (line.length == 1 && line[0] == '.') return new Data(message.toByteArray(), messageId, bareLineFeed);
                if (inHeaders) {
                    String text = new String(line, StandardCharsets.UTF_8);
                    if (text.isEmpty()) inHeaders = false;
                    else if (text.regionMatches(true, 0, "Message-ID:", 0, 11))
                        messageId = text.substring(11).strip();
                }
                if (countingOnly) continue;
                int skip = line.length > 0 && line[0] == '.' ? 1 : 0; // dot-unstuffing, RFC 5321 4.5.2
                message.write(line, skip, line.length - skip);
                message.write('\r');
                message.write('\n');
            }
            return null;
        }

        private void reset() {
            sender = null;
            recipients.clear();
        }

        private String readLine() throws IOException {
            byte[] raw = readRawLine();
            return raw == null ? null : new String(raw, StandardCharsets.UTF_8);
        }

        /** One line without its line end; a bare LF is accepted as a line end too. Null at end of stream. */
        private byte[] readRawLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            while (true) {
                if (position == limit) {
                    limit = in.read(buffer);
                    position = 0;
                    if (limit <= 0) {
                        limit = 0;
                        return null;
                    }
                }
                int start = position;
                while (position < limit && buffer[position] != '\n') position++;
                line.write(buffer, start, position - start);
                if (line.size() > MAX_LINE) throw new IOException("line too long");
                if (position < limit) {
                    position++; // the LF
                    byte[] bytes = line.toByteArray();
                    boolean crlf = bytes.length > 0 && bytes[bytes.length - 1] == '\r';
                    if (!crlf) bareLineFeed = true;
                    return Arrays.copyOf(bytes, crlf ? bytes.length - 1 : bytes.length);
                }
            }
        }

        private void reply(String reply) throws IOException {
            StringBuilder sb = new StringBuilder();
            reply.lines().forEach(l -> sb.append(l).append("\r\n"));
            write(sb.toString());
        }

        private void write(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    /** The path inside &lt;&gt; of "MAIL FROM:&lt;a@b&gt; PARAMS" or "RCPT TO:&lt;a@b&gt;". */
    private static String address(String line) {
        int open = line.indexOf('<');
        int close = line.indexOf('>', open + 1);
        if (open >= 0 && close > open) return line.substring(open + 1, close);
        String afterColon = line.substring(line.indexOf(':') + 1).trim();
        return afterColon.split(" ", 2)[0];
    }

    private static String decode(String base64) {
        try {
            return new String(Base64.getDecoder().decode(base64.trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
