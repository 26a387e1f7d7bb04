package com.picksdigest.bounces;

import com.picksdigest.config.BounceConfig;
import com.picksdigest.config.SmtpConfig;
import com.picksdigest.schedule.ScheduledTask;
import com.picksdigest.schedule.Schedules;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.AndTerm;
import jakarta.mail.search.FlagTerm;
import java.io.IOException;
import java.util.Arrays;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the bounce mailbox over IMAP. Each message that is not yet deleted or marked is read ({@link ReportParser})
 * and acted on ({@link BounceActions}); then a processed one is flagged \Deleted and expunged when the folder closes,
 * so a later poll never sees it again, and one that could not be used gets the keyword {@link #LEFT_KEYWORD}, is
 * logged once, and stays for a person to look at. A crash between acting and expunging is harmless: acting twice on
 * the same report changes nothing the second time.
 */
public final class BounceMailbox {
    private static final Logger log = LoggerFactory.getLogger(BounceMailbox.class);
    public static final String LEFT_KEYWORD = "PicksDigestLeft";
    static final int MAX_PER_POLL = 500;

    public record Result(int processed, int left) {}

    private final BounceConfig.Imap imap;
    private final ReportParser parser;
    private final BounceActions actions;

    public BounceMailbox(BounceConfig.Imap imap, ReportParser parser, BounceActions actions) {
        this.imap = imap;
        this.parser = parser;
        this.actions = actions;
    }

    /** The recurring task: a poll every 5 minutes; an unreachable mailbox is one warning, and the next poll retries. */
    public ScheduledTask task() {
        return new ScheduledTask("bounce-mailbox", Schedules.EVERY_FIVE_MINUTES, () -> {
            try {
                poll();
            } catch (MessagingException e) {
                log.warn("Bounce mailbox {}:{} could not be read: {}", imap.host(), imap.port(), e.getMessage());
            }
        });
    }

    public Result poll() throws MessagingException {
        Store store = session().getStore(imap.tls() == SmtpConfig.Tls.SSL ? "imaps" : "imap");
        store.connect(imap.host(), imap.port(), imap.user(), imap.password());
        try {
            Folder folder = store.getFolder(imap.folder());
            folder.open(Folder.READ_WRITE);
            int processed = 0;
            int left = 0;
            try {
                Message[] messages = folder.search(new AndTerm(
                        new FlagTerm(new Flags(Flags.Flag.DELETED), false),
                        new FlagTerm(new Flags(LEFT_KEYWORD), false)));
                for (Message m : Arrays.copyOf(messages, Math.min(messages.length, MAX_PER_POLL))) {
                    BounceActions.Outcome outcome = handle(m);
                    if (outcome.done()) {
                        m.setFlag(Flags.Flag.DELETED, true);
                        processed++;
                    } else {
                        m.setFlags(new Flags(LEFT_KEYWORD), true);
                        left++;
                        log.warn("Bounce mailbox: left message {} for a person: {}", messageId(m), outcome.summary());
                    }
                }
            } finally {
                folder.close(true);
            }
            if (processed + left > 0) log.info("Bounce mailbox: {} message(s) processed, {} left", processed, left);
            return new Result(processed, left);
        } finally {
            store.close();
        }
    }

    private BounceActions.Outcome handle(Message m) {
        try {
            // Parsed from its own bytes, fetched once: the server's idea of the MIME structure (BODYSTRUCTURE) of
            // nested reports is not always right, and every part read through IMAP would be one more round trip.
            Message local = m instanceof MimeMessage mime ? new MimeMessage(mime) : m;
            BounceActions.Outcome outcome = actions.apply(parser.parse(local));
            if (outcome.done()) log.info("Bounce mailbox: {}", outcome.summary());
            return outcome;
        } catch (MessagingException | IOException e) {
            return new BounceActions.Outcome(false, "unreadable: " + e.getMessage());
        }
    }

    /** How a person finds the message; not its subject or sender, which may hold a link token or an address. */
    private static String messageId(Message m) {
        try {
            String[] id = m.getHeader("Message-ID");
            return id == null ? "#" + m.getMessageNumber() + " (no Message-ID)" : id[0].strip();
        } catch (MessagingException e) {
            return "#" + m.getMessageNumber();
        }
    }

    private Session session() {
        Properties p = new Properties();
        String pre = "mail." + (imap.tls() == SmtpConfig.Tls.SSL ? "imaps" : "imap") + ".";
        String ms = String.valueOf(imap.timeout().toMillis());
        p.put(pre + "connectiontimeout", ms);
        p.put(pre + "timeout", ms);
        p.put(pre + "writetimeout", ms);
        if (imap.tls() == SmtpConfig.Tls.STARTTLS) {
            p.put(pre + "starttls.enable", "true");
            p.put(pre + "starttls.required", "true");
        }
        return Session.getInstance(p);
    }
}
