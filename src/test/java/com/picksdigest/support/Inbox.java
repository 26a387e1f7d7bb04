package com.picksdigest.support;

import com.icegreen.greenmail.base.GreenMailOperations;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The messages a GreenMail server received, per recipient, and the links in them. */
public final class Inbox {
    private final GreenMailOperations greenMail;

    public Inbox(GreenMailOperations greenMail) {
        this.greenMail = greenMail;
    }

    /** Everything received so far for {@code address} (case-insensitive), oldest first. */
    public List<MimeMessage> to(String address) {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : greenMail.getReceivedMessages()) {
            try {
                if (Mails.to(m).equalsIgnoreCase(address)) out.add(m);
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    /** Waits up to 20 s until {@code address} has received {@code count} messages; returns the newest. */
    public MimeMessage await(String address, int count) throws InterruptedException {
        Await.until(
                java.time.Duration.ofSeconds(20),
                () -> to(address).size() >= count,
                () -> "no message #" + count + " for " + address + " (got "
                        + to(address).size() + ")");
        return to(address).get(count - 1);
    }

    public int total() {
        return greenMail.getReceivedMessages().length;
    }

    /** The path (with query) of the first link in the text part that starts with {@code prefix}, e.g. "/confirm/". */
    public static String linkPath(MimeMessage m, String prefix) throws MessagingException, IOException {
        Matcher x = Pattern.compile("https?://[^/\\s]+(" + Pattern.quote(prefix) + "[^\\s\"<>]*)")
                .matcher(Mails.text(m));
        if (!x.find()) throw new AssertionError("no " + prefix + " link in: " + Mails.text(m));
        return x.group(1);
    }
}
