package com.picksdigest.delivery;

import com.picksdigest.config.MailConfig;
import com.picksdigest.digest.DigestModel;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UnsupportedEncodingException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Enumeration;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

/** Builds the MIME message of one digest: headers for list handling and one-click unsubscribe, text then HTML. */
public final class DigestMessage {
    private final MailConfig mail;
    private final Session session = Session.getInstance(new Properties());
    private final String domain;
    private final String listId;

    public DigestMessage(MailConfig mail) {
        this.mail = mail;
        String from = mail.from().getAddress();
        this.domain = from.substring(from.indexOf('@') + 1);
        this.listId = encodePhrase(mail.siteName()) + " <" + mail.listId() + ">";
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

    /** The edition path: the body was rendered and encoded once for the subscriber's group. */
    MimeMessage prepared(PreparedDigest digest, String toEmail, String toName, String token) throws MessagingException {
        PreparedMessage m = new PreparedMessage(session, digest, token, toName);
        headers(m, toEmail, toName, token, digest.subject());
        m.setHeader("Message-ID", newMessageId());
        m.setHeader("MIME-Version", "1.0");
        m.setHeader("Content-Type", digest.contentType());
        if (!digest.multipart()) m.setHeader("Content-Transfer-Encoding", "quoted-printable");
        return m;
    }

    private void headers(MimeMessage m, String toEmail, String toName, String token, String subject)
            throws MessagingException {
        m.setFrom(mail.from());
        m.setHeader("To", HeaderEncoding.mailbox(toEmail, toName));
        m.setHeader("Subject", HeaderEncoding.text(subject));
        m.setSentDate(new Date());
        m.setHeader("List-Id", listId);
        m.setHeader("List-Unsubscribe", "<" + mail.link("/u/" + token) + ">, <mailto:" + mail.unsubscribeMailto()
                + "?subject=" + URLEncoder.encode("unsubscribe " + token, StandardCharsets.UTF_8).replace("+", "%20") + ">");
        // RFC 8058: a POST to the https URL unsubscribes without further interaction.
        m.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        m.setHeader("Auto-Submitted", "auto-generated");
        m.setHeader("Precedence", "bulk");
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

    /**
     * Headers as Jakarta Mail keeps them, body from the pre-encoded digest: writeTo is all the transport needs.
     * The Message-ID is set once and never regenerated (no saveChanges).
     */
    private static final class PreparedMessage extends MimeMessage {
        private final PreparedDigest digest;
        private final String token;
        private final String name;

        PreparedMessage(Session s, PreparedDigest digest, String token, String name) {
            super(s);
            this.digest = digest;
            this.token = token;
            this.name = name;
        }

        @Override
        public void writeTo(OutputStream os, String[] ignoreList) throws IOException, MessagingException {
            Enumeration<String> lines = getNonMatchingHeaderLines(ignoreList);
            StringBuilder h = new StringBuilder(1024);
            while (lines.hasMoreElements()) h.append(lines.nextElement()).append("\r\n");
            h.append("\r\n");
            os.write(h.toString().getBytes(StandardCharsets.UTF_8));
            digest.writeBody(os, token, name);
            os.flush();
        }

        @Override
        protected void updateMessageID() {
            // chosen in prepared() and kept
        }
    }
}
