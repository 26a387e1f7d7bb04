package com.picksdigest.subscribers;

import com.picksdigest.config.MailConfig;
import com.picksdigest.digest.DigestTemplates;
import com.picksdigest.i18n.Catalogues;
import com.picksdigest.i18n.Messages;
import com.picksdigest.mail.Envelope;
import com.picksdigest.mail.Messenger;
import com.picksdigest.mail.SendResult;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Date;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The e-mails the self-service pages send, one at a time through the configured relay: confirmation links
 * (templates email/confirm.*.ftl), links to manage a subscription (email/manage.*.ftl) and the welcome of a new
 * subscriber (email/welcome.*.ftl), each as
 * multipart/alternative text + HTML. They are rare, so each opens its own SMTP connection.
 */
public final class NoticeMails {
    private static final Logger log = LoggerFactory.getLogger(NoticeMails.class);

    /** What a confirmation link does; the template's {@code action}. */
    public enum Confirm {
        SUBSCRIBE,
        RESUBSCRIBE,
        EMAIL
    }

    /** Why a subscriber is sent their links; the template's {@code reason}. */
    public enum Manage {
        ALREADY_SUBSCRIBED,
        NEW_LINKS
    }

    private final MailConfig mail;
    private final Messenger messenger;
    private final DigestTemplates templates;
    private final Catalogues catalogues;
    private final UnaryOperator<MimeMessage> signer;
    private final LinkTokens links;
    private final Clock clock;
    private final Session session;

    public NoticeMails(
            MailConfig mail,
            Messenger messenger,
            DigestTemplates templates,
            Catalogues catalogues,
            UnaryOperator<MimeMessage> signer,
            LinkTokens links,
            Clock clock) {
        this.clock = clock;
        this.mail = mail;
        this.messenger = messenger;
        this.templates = templates;
        this.catalogues = catalogues;
        this.signer = signer;
        this.links = links;
        Properties p = new Properties();
        // Message-IDs then end in the sender's domain, not this host's name.
        p.setProperty("mail.from", mail.from().getAddress());
        // RFC 6532: a To: address in Unicode is written in UTF-8, not byte by byte (it is only sent with SMTPUTF8)
        p.setProperty("mail.mime.allowutf8", "true");
        this.session = Session.getInstance(p);
    }

    /** Parses every notice template, so a broken override stops the start instead of a sign-up. */
    public void check() {
        for (String t : new String[] {"confirm", "manage", "welcome"}) {
            templates.render(t + ".txt.ftl", sample());
            templates.render(t + ".html.ftl", sample());
        }
    }

    /**
     * Sends the link that confirms {@code action}; {@code to} is the address being confirmed. It carries no name:
     * until the address is confirmed, nothing in mail sent to it may be text that whoever asked chose, or anyone
     * could have us deliver their words, signed with our domain, to any address.
     */
    public void confirm(Confirm action, long subscriberId, String to, String confirmToken, String locale) {
        Messages t = catalogues.of(locale);
        String subject = switch (action) {
            case SUBSCRIBE -> t.format("notice.subject.subscribe", mail.siteName());
            case RESUBSCRIBE -> t.format("notice.subject.resubscribe", mail.siteName());
            case EMAIL -> t.format("notice.subject.email", mail.siteName());
        };
        Map<String, Object> m = model(to, null, t);
        m.put("action", action.name().toLowerCase(Locale.ROOT));
        m.put("confirmUrl", mail.link("/confirm/" + confirmToken));
        m.put("validDays", Confirmations.VALIDITY.toDays());
        send("confirm", subject, subscriberId, to, null, m);
    }

    /**
     * Sends the subscriber's current preference and unsubscribe links; {@code name} (null for none) greets them, so
     * pass one only when the address is confirmed.
     */
    public void manage(Manage reason, long subscriberId, int tokenVersion, String to, String name, String locale) {
        Messages t = catalogues.of(locale);
        String subject = switch (reason) {
            case ALREADY_SUBSCRIBED -> t.format("notice.subject.already", mail.siteName());
            case NEW_LINKS -> t.format("notice.subject.newLinks", mail.siteName());
        };
        String token = links.issue(subscriberId, tokenVersion);
        Map<String, Object> m = model(to, name, t);
        m.put("reason", reason.name().toLowerCase(Locale.ROOT));
        m.put("preferencesUrl", mail.link("/prefs/" + token));
        m.put("unsubscribeUrl", mail.link("/u/" + token));
        send("manage", subject, subscriberId, to, name, m);
    }

    /**
     * Welcomes a new subscriber with their preference and unsubscribe links and a link to the latest edition
     * ({@code latestEdition}, null before the first one went out). {@code name} (null for none) greets them, so pass
     * one only when the address is confirmed.
     */
    public void welcome(
            long subscriberId, int tokenVersion, String to, String name, LocalDate latestEdition, String locale) {
        Messages t = catalogues.of(locale);
        String token = links.issue(subscriberId, tokenVersion);
        Map<String, Object> m = model(to, name, t);
        m.put("preferencesUrl", mail.link("/prefs/" + token));
        m.put("unsubscribeUrl", mail.link("/u/" + token));
        m.put("archiveUrl", mail.link("/archive"));
        if (latestEdition != null) m.put("latestEditionUrl", mail.link("/archive/" + latestEdition));
        send("welcome", t.format("welcome.title", mail.siteName()), subscriberId, to, name, m);
    }

    private Map<String, Object> model(String email, String name, Messages t) {
        Map<String, Object> m = new HashMap<>();
        m.put("t", t);
        m.put("siteName", mail.siteName());
        m.put("siteUrl", mail.baseUrl().toString());
        m.put("email", email);
        if (name != null) m.put("recipientName", name);
        return m;
    }

    private Map<String, Object> sample() {
        Map<String, Object> m = model("reader@example.org", "Reader", catalogues.of("en"));
        m.put("action", "subscribe");
        m.put("confirmUrl", mail.link("/confirm/x"));
        m.put("validDays", 7L);
        m.put("reason", "already_subscribed");
        m.put("archiveUrl", mail.link("/archive"));
        m.put("latestEditionUrl", mail.link("/archive/2026-01-05"));
        m.put("preferencesUrl", mail.link("/prefs/x"));
        m.put("unsubscribeUrl", mail.link("/u/x"));
        return m;
    }

    /** Sends one notice; a failure is one warning line (the reader can ask again), never an exception. */
    private void send(
            String template, String subject, long subscriberId, String to, String name, Map<String, Object> model) {
        SendResult result;
        try {
            MimeMessage message = signer.apply(build(
                    to,
                    name,
                    subject,
                    templates.render(template + ".txt.ftl", model),
                    templates.render(template + ".html.ftl", model)));
            result = messenger.send(message, new Envelope(envelopeFrom(), new InternetAddress(to, true).getAddress()));
        } catch (MessagingException | RuntimeException e) {
            log.warn("The {} e-mail for subscriber #{} was not sent: {}", template, subscriberId, e.getMessage());
            return;
        }
        if (result instanceof SendResult.Accepted) {
            log.info("Sent the {} e-mail for subscriber #{}", template, subscriberId);
        } else {
            log.warn("The {} e-mail for subscriber #{} was not sent: {}", template, subscriberId, result.reply());
        }
    }

    private MimeMessage build(String to, String name, String subject, String text, String html)
            throws MessagingException {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(mail.from());
        try {
            m.setRecipient(
                    MimeMessage.RecipientType.TO,
                    name == null ? new InternetAddress(to, true) : new InternetAddress(to, name, "UTF-8"));
        } catch (UnsupportedEncodingException e) {
            throw new MessagingException("cannot encode the recipient name", e);
        }
        m.setSubject(subject, "UTF-8");
        m.setSentDate(Date.from(clock.instant()));
        m.setHeader("Auto-Submitted", "auto-generated");
        MimeMultipart alt = new MimeMultipart("alternative");
        MimeBodyPart plain = new MimeBodyPart();
        plain.setText(text, "UTF-8", "plain");
        alt.addBodyPart(plain);
        MimeBodyPart rich = new MimeBodyPart();
        rich.setText(html, "UTF-8", "html");
        alt.addBodyPart(rich);
        m.setContent(alt);
        m.saveChanges();
        return m;
    }

    /** Bounces of these mails go to the bounce mailbox too, without a delivery id: they are about no digest. */
    private String envelopeFrom() {
        return mail.bounceAddress()
                .map(InternetAddress::getAddress)
                .orElse(mail.from().getAddress());
    }
}
