package com.picksdigest.delivery;

import com.picksdigest.config.MailConfig;
import com.picksdigest.digest.DigestModel;
import com.picksdigest.mail.MessagePayload;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UnsupportedEncodingException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

/** Builds the MIME message of one digest: headers for list handling and one-click unsubscribe, text then HTML. */
public final class DigestMessage {
    private final MailConfig mail;
    private final Clock clock;
    private final Session session = Session.getInstance(new Properties());
    private final String domain;
    private final String listId;
    private final String fromHeader;
    /** RFC 5322 date-time with a numeric zone. */
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.US);

    public DigestMessage(MailConfig mail, Clock clock) {
        this.clock = clock;
        this.mail = mail;
        this.domain = mail.senderDomain();
        this.listId = encodePhrase(mail.siteName()) + " <" + mail.listId() + ">";
        this.fromHeader = mail.from().toString();
    }

    /**
     * The general path, for messages built one at a time (samples, test sends): Jakarta Mail's multipart.
     *
     * @param html null for text-only subscribers
     */
    public MimeMessage build(String toEmail, String toName, String token, DigestModel model, String text, String html)
            throws MessagingException {
        MimeMessage m = new FixedIdMessage(session, newMessageId());
        headers(m, toEmail, toName, token, model.subject());
        if (html == null) {
            m.setText(text, "UTF-8", "plain");
            m.setHeader("Content-Transfer-Encoding", "quoted-printable");
        } else {
            MimeMultipart alt = new MimeMultipart("alternative");
            alt.addBodyPart(part(text, "plain"));
            alt.addBodyPart(part(html, "html"));
            m.setContent(alt);
        }
        m.saveChanges();
        return m;
    }

    /**
     * The edition path: the body was rendered and encoded once for the subscriber's group, and the headers are
     * written straight to bytes, the same ones {@link #headers} sets on the general path.
     */
    PreparedMessage prepared(PreparedDigest digest, String toEmail, String toName, String token) {
        String id = newMessageId();
        StringBuilder h = new StringBuilder(1024);
        HeaderSink<RuntimeException> bytes =
                (name, value) -> h.append(name).append(": ").append(value).append("\r\n");
        bytes.add("From", fromHeader);
        bytes.add("Date", DATE.format(ZonedDateTime.now(clock.withZone(ZoneOffset.UTC))));
        headers(toEmail, toName, token, digest.subject(), bytes);
        bytes.add("Message-ID", id);
        bytes.add("MIME-Version", "1.0");
        bytes.add("Content-Type", digest.contentType());
        if (!digest.multipart()) bytes.add("Content-Transfer-Encoding", "quoted-printable");
        h.append("\r\n");
        return new PreparedMessage(id, h.toString().getBytes(StandardCharsets.UTF_8), digest, token, toName);
    }

    private String listUnsubscribe(String token) {
        return "<" + mail.link("/u/" + token) + ">, <mailto:" + mail.unsubscribeMailto() + "?subject="
                + URLEncoder.encode("unsubscribe " + token, StandardCharsets.UTF_8)
                        .replace("+", "%20") + ">";
    }

    private void headers(MimeMessage m, String toEmail, String toName, String token, String subject)
            throws MessagingException {
        m.setFrom(mail.from());
        m.setSentDate(Date.from(clock.instant()));
        headers(toEmail, toName, token, subject, m::setHeader);
    }

    /** Where a header goes: a Jakarta Mail message (which may throw) or bytes (which cannot). */
    private interface HeaderSink<E extends Exception> {
        void add(String name, String value) throws E;
    }

    /** The headers both paths write the same way; From and Date each path writes its own way. */
    private <E extends Exception> void headers(
            String toEmail, String toName, String token, String subject, HeaderSink<E> sink) throws E {
        sink.add("To", HeaderEncoding.mailbox(toEmail, toName));
        sink.add("Subject", HeaderEncoding.text(subject));
        sink.add("List-Id", listId);
        sink.add("List-Unsubscribe", listUnsubscribe(token));
        // RFC 8058: a POST to the https URL unsubscribes without further interaction.
        sink.add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        sink.add("Auto-Submitted", "auto-generated");
        sink.add("Precedence", "bulk");
    }

    private String newMessageId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "<" + Long.toHexString(r.nextLong()) + Long.toHexString(r.nextLong()) + "." + System.currentTimeMillis()
                + "@" + domain + ">";
    }

    private static MimeBodyPart part(String body, String subtype) throws MessagingException {
        MimeBodyPart p = new MimeBodyPart();
        p.setText(body, "UTF-8", subtype);
        // Declared up front so the encoder is not chosen by scanning the whole body again at saveChanges.
        p.setHeader("Content-Transfer-Encoding", "quoted-printable");
        return p;
    }

    private static String encodePhrase(String s) {
        try {
            return MimeUtility.encodeWord(s.replaceAll("[\"\\\\<>]", ""), "UTF-8", "Q");
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Keeps the Message-ID we chose (and logged in the ledger) instead of the one saveChanges would invent. */
    private static final class FixedIdMessage extends MimeMessage {
        private final String id;

        FixedIdMessage(Session s, String id) {
            super(s);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }

    /** A digest for one subscriber on the edition path: header bytes of its own, the body shared with its group. */
    final class PreparedMessage implements MessagePayload {
        private final String id;
        private final byte[] headers;
        private final PreparedDigest digest;
        private final String token;
        private final String name;

        private PreparedMessage(String id, byte[] headers, PreparedDigest digest, String token, String name) {
            this.id = id;
            this.headers = headers;
            this.digest = digest;
            this.token = token;
            this.name = name;
        }

        String messageId() {
            return id;
        }

        /** Header lines never start with '.', and the encoded body escapes a leading '.' (=2E): safe for DATA as is. */
        @Override
        public void writeTo(OutputStream out) throws IOException {
            out.write(headers);
            digest.writeBody(out, token, name);
        }

        /** For DKIM signing, which works on Jakarta Mail messages; the Message-ID is kept. */
        MimeMessage toMimeMessage() throws MessagingException {
            ByteArrayOutputStream b = new ByteArrayOutputStream(32 * 1024);
            try {
                writeTo(b);
            } catch (IOException e) {
                throw new MessagingException("cannot write the message", e);
            }
            return new MimeMessage(session, new ByteArrayInputStream(b.toByteArray()));
        }
    }
}
