package com.picksdigest.bounces;

import com.picksdigest.config.MailConfig;
import com.picksdigest.config.VerpAddresses;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one message of the bounce mailbox: an RFC 3464 delivery status notification (multipart/report;
 * report-type=delivery-status), an RFC 5965 feedback report (report-type=feedback-report), or a mail to the
 * List-Unsubscribe mailto: address. Only the machine-readable parts count; the human-readable text of bounces varies
 * too much between servers to be trusted.
 */
public final class ReportParser {
    private static final int MAX_PART_BYTES = 256 * 1024;
    private static final Pattern STATUS = Pattern.compile("^([245])\\.[0-9]{1,3}\\.[0-9]{1,3}");
    /** A subscriber link token (id.version.43 base64url characters of HMAC-SHA256) in an unsubscribe URL. */
    private static final Pattern LINK_TOKEN =
            Pattern.compile("/u/([1-9][0-9]{0,18}\\.[1-9][0-9]{0,8}\\.[A-Za-z0-9_-]{43})");

    private static final Pattern UNSUBSCRIBE_SUBJECT =
            Pattern.compile("^\\s*unsubscribe\\s+(\\S{1,200})\\s*$", Pattern.CASE_INSENSITIVE);
    private static final Set<String> COMPLAINTS = Set.of("abuse", "fraud", "virus");
    private static final Set<String> HARMLESS_ACTIONS = Set.of("delayed", "delivered", "relayed", "expanded");

    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]{1,250}>");

    private final String unsubscribeAddress;
    private final Optional<VerpAddresses> verp;

    public ReportParser(MailConfig mail) {
        this.unsubscribeAddress = address(mail.unsubscribeMailto())
                .orElse(mail.unsubscribeMailto().toLowerCase(Locale.ROOT));
        this.verp = mail.verp();
    }

    public BounceReport parse(Message m) throws MessagingException, IOException {
        if (m.isMimeType("multipart/report")) return report(m);
        if (addressedTo(m, unsubscribeAddress)) return mailtoUnsubscribe(m);
        return new BounceReport.Unrecognised(
                "neither a delivery or feedback report nor a mail to " + unsubscribeAddress);
    }

    private BounceReport report(Message m) throws MessagingException, IOException {
        String type = new ContentType(m.getContentType()).getParameter("report-type");
        if (!(m.getContent() instanceof Multipart parts)) return new BounceReport.Unrecognised("an unreadable report");
        Part status = null;
        Part feedback = null;
        Part original = null;
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart p = parts.getBodyPart(i);
            if (p.isMimeType("message/delivery-status") || p.isMimeType("message/global-delivery-status")) status = p;
            else if (p.isMimeType("message/feedback-report")) feedback = p;
            else if (p.isMimeType("message/rfc822")
                    || p.isMimeType("text/rfc822-headers")
                    || p.isMimeType("message/rfc822-headers")
                    || p.isMimeType("message/global")) original = p;
        }
        InternetHeaders originalHeaders = original == null
                ? new InternetHeaders()
                : new InternetHeaders(new ByteArrayInputStream(read(original)));
        Part machineReadable = "delivery-status".equalsIgnoreCase(type) ? status : feedback;
        if (machineReadable == null) {
            return new BounceReport.Unrecognised("a report of type " + type + " without its machine-readable part");
        }
        // The return path is checked before anything else: every address of its form anywhere the report names
        // the delivery must carry our signature (or, for old digests, none), and all must name the same delivery.
        VerpAddresses.Found returnPath = returnPath(m, machineReadable, originalHeaders);
        if (returnPath instanceof VerpAddresses.Forged forged) {
            return new BounceReport.Unrecognised("not believed: " + forged.why());
        }
        if ("delivery-status".equalsIgnoreCase(type)) return deliveryStatus(m, status, originalHeaders, returnPath);
        return feedback(feedback, originalHeaders, returnPath);
    }

    /** The delivery named by the report's recipients, its machine-readable part and the quoted Return-Path. */
    private VerpAddresses.Found returnPath(Message m, Part machineReadable, InternetHeaders original)
            throws MessagingException, IOException {
        if (verp.isEmpty()) return new VerpAddresses.None();
        List<String> places =
                new ArrayList<>(headerValues(m, "To", "Cc", "Delivered-To", "X-Original-To", "Envelope-To"));
        places.add(new String(read(machineReadable), StandardCharsets.UTF_8));
        String[] quoted = original.getHeader("Return-Path");
        if (quoted != null) places.addAll(List.of(quoted));
        return verp.get().find(places);
    }

    private BounceReport deliveryStatus(
            Message m, Part status, InternetHeaders original, VerpAddresses.Found returnPath)
            throws MessagingException, IOException {
        List<InternetHeaders> blocks = blocks(status);
        Set<String> recipients = new LinkedHashSet<>();
        String[] failedRecipients = m.getHeader("X-Failed-Recipients");
        if (failedRecipients != null) {
            for (String v : failedRecipients)
                for (String a : v.split(",")) address(a).ifPresent(recipients::add);
        }
        InternetHeaders failed = null;
        Set<String> actions = new LinkedHashSet<>();
        for (InternetHeaders recipient : blocks.subList(Math.min(1, blocks.size()), blocks.size())) {
            typedAddress(recipient.getHeader("Final-Recipient", null)).ifPresent(recipients::add);
            typedAddress(recipient.getHeader("Original-Recipient", null)).ifPresent(recipients::add);
            String action = word(recipient.getHeader("Action", null));
            actions.add(action);
            if (action.equals("failed") && failed == null) failed = recipient;
        }
        if (failed == null) {
            return !actions.isEmpty() && HARMLESS_ACTIONS.containsAll(actions)
                    ? new BounceReport.NoAction("a delivery report with action " + String.join(", ", actions))
                    : new BounceReport.Unrecognised("a delivery report without a failed recipient");
        }
        String statusCode = failed.getHeader("Status", null);
        Matcher code = STATUS.matcher(statusCode == null ? "" : statusCode.strip());
        if (!code.find()) return new BounceReport.Unrecognised("a failed delivery report without a valid Status");
        String diagnostic = clip(failed.getHeader("Diagnostic-Code", null));
        BounceReport.Reference about = reference(original, recipients, returnPath);
        return switch (code.group(1)) {
            case "5" -> new BounceReport.HardBounce(about, code.group(), diagnostic);
            case "4" -> new BounceReport.SoftBounce(about, code.group(), diagnostic);
            default -> new BounceReport.NoAction("a delivery report with status " + code.group());
        };
    }

    private BounceReport feedback(Part feedback, InternetHeaders original, VerpAddresses.Found returnPath)
            throws MessagingException, IOException {
        List<InternetHeaders> blocks = blocks(feedback);
        if (blocks.isEmpty()) return new BounceReport.Unrecognised("an empty feedback report");
        InternetHeaders fields = blocks.get(0);
        String type = word(fields.getHeader("Feedback-Type", null));
        if (!COMPLAINTS.contains(type)) return new BounceReport.Unrecognised("a feedback report of type " + type);
        Set<String> recipients = new LinkedHashSet<>();
        for (String name : new String[] {"Original-Rcpt-To", "Removal-Recipient"}) {
            String[] values = fields.getHeader(name);
            if (values != null) for (String v : values) address(v).ifPresent(recipients::add);
        }
        return new BounceReport.Complaint(reference(original, recipients, returnPath), type);
    }

    private BounceReport mailtoUnsubscribe(Message m) throws MessagingException {
        Matcher s = UNSUBSCRIBE_SUBJECT.matcher(m.getSubject() == null ? "" : m.getSubject());
        return s.matches()
                ? new BounceReport.MailtoUnsubscribe(s.group(1))
                : new BounceReport.Unrecognised(
                        "a mail to the unsubscribe address without \"unsubscribe TOKEN\" as its subject");
    }

    private BounceReport.Reference reference(
            InternetHeaders original, Set<String> recipients, VerpAddresses.Found returnPath) {
        Optional<String> token = Optional.empty();
        String[] listUnsubscribe = original.getHeader("List-Unsubscribe");
        if (listUnsubscribe != null) {
            Matcher t = LINK_TOKEN.matcher(String.join(" ", listUnsubscribe));
            if (t.find()) token = Optional.of(t.group(1));
        }
        Optional<String> messageId = Optional.empty();
        String[] quotedId = original.getHeader("Message-ID");
        if (quotedId != null) {
            Matcher id = MESSAGE_ID.matcher(quotedId[0]);
            if (id.find()) messageId = Optional.of(id.group());
        }
        Optional<Long> delivery = Optional.empty();
        if (returnPath instanceof VerpAddresses.Signed signed) delivery = Optional.of(signed.deliveryId());
        if (returnPath instanceof VerpAddresses.Unsigned unsigned) delivery = Optional.of(unsigned.deliveryId());
        return new BounceReport.Reference(
                token, delivery, Set.copyOf(recipients), messageId, returnPath instanceof VerpAddresses.Unsigned);
    }

    private static boolean addressedTo(Message m, String address) throws MessagingException {
        for (String v : headerValues(m, "To", "Cc", "Delivered-To", "X-Original-To")) {
            for (String one : v.split(",")) {
                if (address(one).map(address::equals).orElse(false)) return true;
            }
        }
        return false;
    }

    private static List<String> headerValues(Message m, String... names) throws MessagingException {
        List<String> out = new ArrayList<>();
        for (String name : names) {
            String[] values = m.getHeader(name);
            if (values != null) out.addAll(List.of(values));
        }
        return out;
    }

    /** The blocks of header fields of a delivery-status or feedback-report part, separated by blank lines. */
    private static List<InternetHeaders> blocks(Part part) throws MessagingException, IOException {
        List<InternetHeaders> out = new ArrayList<>();
        for (String block : new String(read(part), StandardCharsets.UTF_8).split("\\r?\\n[ \\t]*\\r?\\n")) {
            if (block.isBlank()) continue;
            out.add(new InternetHeaders(
                    new ByteArrayInputStream((block.strip() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8))));
        }
        return out;
    }

    private static byte[] read(Part part) throws MessagingException, IOException {
        try (InputStream in = part.getInputStream()) {
            return in.readNBytes(MAX_PART_BYTES);
        }
    }

    /** "rfc822; user@example.org" (a DSN's typed address) as "user@example.org". */
    private static Optional<String> typedAddress(String value) {
        if (value == null) return Optional.empty();
        int semi = value.indexOf(';');
        return address(semi < 0 ? value : value.substring(semi + 1));
    }

    private static Optional<String> address(String value) {
        try {
            return Optional.of(
                    new InternetAddress(value.strip(), false).getAddress().toLowerCase(Locale.ROOT));
        } catch (AddressException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The first word of a field, lower-cased, without comments: "failed (bad mailbox)" is "failed". */
    private static String word(String value) {
        if (value == null) return "";
        String v = value.strip().toLowerCase(Locale.ROOT);
        int end = 0;
        while (end < v.length() && (Character.isLetterOrDigit(v.charAt(end)) || v.charAt(end) == '-')) end++;
        return v.substring(0, end);
    }

    private static String clip(String s) {
        if (s == null) return "";
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() > 300 ? one.substring(0, 297) + "..." : one;
    }
}
