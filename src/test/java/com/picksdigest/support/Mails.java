package com.picksdigest.support;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading received digests the way a mail client would. */
public final class Mails {
    private Mails() {}

    public static MimeMessage parse(byte[] raw) {
        try {
            return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String to(MimeMessage m) throws MessagingException {
        return ((InternetAddress) m.getRecipients(MimeMessage.RecipientType.TO)[0]).getAddress();
    }

    public static String header(MimeMessage m, String name) throws MessagingException {
        String[] v = m.getHeader(name);
        return v == null ? null : v[0];
    }

    /** The text/plain part (the whole body for text-only messages). */
    public static String text(MimeMessage m) throws MessagingException, IOException {
        if (m.isMimeType("text/plain")) return (String) m.getContent();
        return (String) ((Multipart) m.getContent()).getBodyPart(0).getContent();
    }

    public static String html(MimeMessage m) throws MessagingException, IOException {
        if (!m.isMimeType("multipart/alternative")) return null;
        Multipart mp = (Multipart) m.getContent();
        BodyPart p = mp.getBodyPart(mp.getCount() - 1);
        return p.isMimeType("text/html") ? (String) p.getContent() : null;
    }

    /** The https URL in List-Unsubscribe. */
    public static String unsubscribeUrl(MimeMessage m) throws MessagingException {
        Matcher x = Pattern.compile("<(https?://[^>]+)>").matcher(header(m, "List-Unsubscribe"));
        if (!x.find()) throw new AssertionError("no http URL in List-Unsubscribe");
        return x.group(1);
    }
}
