package com.picksdigest.bounces;

import com.picksdigest.config.MailConfig;
import com.picksdigest.config.Settings;
import java.util.Map;

/**
 * Real-format reports as mail servers write them (Postfix and Exim bounces, an RFC 5965 feedback report, a mail
 * client's mailto: unsubscribe), with the parts a test varies filled in. CRLF line ends, as on the wire.
 */
final class BounceMessages {
    static final String DOMAIN = "picks.example.org";
    /** The secret of the application that sent the digests these reports are about (BounceMailboxTest's). */
    static final String SECRET = "bounce-secret-bounce-secret-bounce-secret";

    private static final MailConfig SENDER = MailConfig.from(Settings.of(Map.of(
            "PICKS_SECRET",
            SECRET,
            "PICKS_FROM",
            "Picks <digest@" + DOMAIN + ">",
            "PICKS_BOUNCE_ADDRESS",
            "bounces@" + DOMAIN)));

    private BounceMessages() {}

    /** The return path the sender gave this delivery. */
    static String verp(long deliveryId) {
        return SENDER.envelopeFrom(deliveryId);
    }

    /** The return path of digests sent before return paths were signed: the delivery id alone. */
    static String oldVerp(long deliveryId) {
        return "bounces+" + deliveryId + "@" + DOMAIN;
    }

    /** The headers of a digest as the receiving server saw them, List-Unsubscribe and all. */
    static String digestHeaders(String to, long deliveryId, String token) {
        return digestHeaders(to, verp(deliveryId), deliveryId, token);
    }

    /** The same with any return path (null: none quoted, as some feedback loops and relays do). */
    static String digestHeaders(String to, String returnPath, long deliveryId, String token) {
        return (returnPath == null ? "" : "Return-Path: <" + returnPath + ">\n")
                + "From: Picks <digest@" + DOMAIN + ">\n"
                + "To: " + to + "\n"
                + "Subject: Picks - Thursday, January 1\n"
                + "Message-ID: <d" + deliveryId + ".1767254400000@" + DOMAIN + ">\n"
                + "List-Id: Picks <digest." + DOMAIN + ">\n"
                + (token == null
                        ? ""
                        : "List-Unsubscribe: <https://" + DOMAIN + "/u/" + token + ">, <mailto:unsubscribe@" + DOMAIN
                                + "?subject=unsubscribe%20" + token + ">\n")
                + "List-Unsubscribe-Post: List-Unsubscribe=One-Click\n";
    }

    /** Postfix: VERP in the envelope recipient and To, RFC 3464 report, the original headers as text/rfc822-headers. */
    static String postfixBounce(
            String id,
            long deliveryId,
            String finalRecipient,
            String action,
            String status,
            String diagnostic,
            String originalHeaders) {
        return postfixBounce(id, verp(deliveryId), finalRecipient, action, status, diagnostic, originalHeaders);
    }

    /** The same, sent to {@code returnPath}. */
    static String postfixBounce(
            String id,
            String returnPath,
            String finalRecipient,
            String action,
            String status,
            String diagnostic,
            String originalHeaders) {
        return crlf("Return-Path: <>\n"
                + "Delivered-To: " + returnPath + "\n"
                + "Date: Thu,  1 Jan 2026 08:00:05 +0000 (UTC)\n"
                + "From: MAILER-DAEMON@mx.example.com (Mail Delivery System)\n"
                + "Subject: Undelivered Mail Returned to Sender\n"
                + "To: " + returnPath + "\n"
                + "Auto-Submitted: auto-replied\n"
                + "MIME-Version: 1.0\n"
                + "Content-Type: multipart/report; report-type=delivery-status;\n"
                + "\tboundary=\"4F1A2B3C4D.1767254405/mx.example.com\"\n"
                + "Message-Id: <" + id + "@mx.example.com>\n"
                + "\n"
                + "This is a MIME-encapsulated message.\n"
                + "\n"
                + "--4F1A2B3C4D.1767254405/mx.example.com\n"
                + "Content-Description: Notification\n"
                + "Content-Type: text/plain; charset=us-ascii\n"
                + "\n"
                + "This is the mail system at host mx.example.com.\n"
                + "\n"
                + "I'm sorry to have to inform you that your message could not\n"
                + "be delivered to one or more recipients.\n"
                + "\n"
                + "<" + finalRecipient + ">: " + diagnostic + "\n"
                + "\n"
                + "--4F1A2B3C4D.1767254405/mx.example.com\n"
                + "Content-Description: Delivery report\n"
                + "Content-Type: message/delivery-status\n"
                + "\n"
                + "Reporting-MTA: dns; mx.example.com\n"
                + "X-Postfix-Queue-ID: 4F1A2B3C4D\n"
                + "X-Postfix-Sender: rfc822; " + returnPath + "\n"
                + "Arrival-Date: Thu,  1 Jan 2026 08:00:01 +0000 (UTC)\n"
                + "\n"
                + "Final-Recipient: rfc822; " + finalRecipient + "\n"
                + "Original-Recipient: rfc822;" + finalRecipient + "\n"
                + "Action: " + action + "\n"
                + "Status: " + status + "\n"
                + "Remote-MTA: dns; mx.example.com\n"
                + "Diagnostic-Code: smtp; " + diagnostic + "\n"
                + "\n"
                + "--4F1A2B3C4D.1767254405/mx.example.com\n"
                + "Content-Description: Undelivered Message Headers\n"
                + "Content-Type: text/rfc822-headers\n"
                + "\n"
                + originalHeaders
                + "\n"
                + "--4F1A2B3C4D.1767254405/mx.example.com--\n");
    }

    /** Exim: X-Failed-Recipients, and the whole original message as message/rfc822, sent to the plain bounce address. */
    static String eximSoftBounce(String id, String recipient, String originalHeaders) {
        return crlf("Return-Path: <>\n"
                + "Delivered-To: bounces@" + DOMAIN + "\n"
                + "X-Failed-Recipients: " + recipient + "\n"
                + "Auto-Submitted: auto-replied\n"
                + "From: Mail Delivery System <Mailer-Daemon@relay.example.net>\n"
                + "To: bounces@" + DOMAIN + "\n"
                + "Subject: Mail delivery failed: returning message to sender\n"
                + "Message-Id: <" + id + "@relay.example.net>\n"
                + "Date: Thu, 01 Jan 2026 09:12:00 +0000\n"
                + "MIME-Version: 1.0\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=1767258720-eximdsn-1\n"
                + "\n"
                + "--1767258720-eximdsn-1\n"
                + "Content-type: text/plain; charset=us-ascii\n"
                + "\n"
                + "This message was created automatically by mail delivery software.\n"
                + "\n"
                + "A message that you sent could not be delivered to one or more of its\n"
                + "recipients. This is a temporary error. The following address(es) deferred:\n"
                + "\n"
                + "  " + recipient + "\n"
                + "    retry timeout exceeded\n"
                + "\n"
                + "--1767258720-eximdsn-1\n"
                + "Content-type: message/delivery-status\n"
                + "\n"
                + "Reporting-MTA: dns; relay.example.net\n"
                + "\n"
                + "Action: failed\n"
                + "Final-Recipient: rfc822;" + recipient + "\n"
                + "Status: 4.2.2 (mailbox full)\n"
                + "Remote-MTA: dns; mx.example.com\n"
                + "Diagnostic-Code: smtp; 452 4.2.2 Mailbox full\n"
                + "\n"
                + "--1767258720-eximdsn-1\n"
                + "Content-type: message/rfc822\n"
                + "\n"
                + originalHeaders
                + "Content-Type: text/plain; charset=UTF-8\n"
                + "\n"
                + "Here is what our editors picked since your last digest.\n"
                + "\n"
                + "--1767258720-eximdsn-1--\n");
    }

    /** RFC 5965 abuse report (as Yahoo's and Microsoft's feedback loops send them), recipient redacted. */
    static String arfComplaint(String id, long deliveryId, String feedbackType, String originalHeaders) {
        return arfComplaint(id, verp(deliveryId), feedbackType, originalHeaders);
    }

    /** The same with any Original-Mail-From. */
    static String arfComplaint(String id, String originalMailFrom, String feedbackType, String originalHeaders) {
        return crlf("From: Feedback Loop <fbl@isp.example.com>\n"
                + "To: bounces@" + DOMAIN + "\n"
                + "Subject: FW: Picks - Thursday, January 1\n"
                + "Date: Thu, 01 Jan 2026 10:00:00 +0000\n"
                + "Message-ID: <" + id + "@isp.example.com>\n"
                + "MIME-Version: 1.0\n"
                + "Content-Type: multipart/report; report-type=feedback-report;\n"
                + "      boundary=\"part1_13d.2e68ed54_boundary\"\n"
                + "\n"
                + "--part1_13d.2e68ed54_boundary\n"
                + "Content-Type: text/plain; charset=\"US-ASCII\"\n"
                + "Content-Transfer-Encoding: 7bit\n"
                + "\n"
                + "This is an email abuse report for an email message received from IP\n"
                + "192.0.2.1 on Thu, 01 Jan 2026 08:00:00 +0000.\n"
                + "\n"
                + "--part1_13d.2e68ed54_boundary\n"
                + "Content-Type: message/feedback-report\n"
                + "\n"
                + "Feedback-Type: " + feedbackType + "\n"
                + "User-Agent: SomeGenerator/1.0\n"
                + "Version: 1\n"
                + "Original-Mail-From: <" + originalMailFrom + ">\n"
                + "Arrival-Date: Thu, 01 Jan 2026 08:00:00 +0000\n"
                + "Reported-Domain: " + DOMAIN + "\n"
                + "Source-IP: 192.0.2.1\n"
                + "\n"
                + "--part1_13d.2e68ed54_boundary\n"
                + "Content-Type: text/rfc822-headers\n"
                + "\n"
                + originalHeaders
                + "\n"
                + "--part1_13d.2e68ed54_boundary--\n");
    }

    /** What a mail client sends for the List-Unsubscribe mailto: link. */
    static String mailtoUnsubscribe(String id, String from, String token) {
        return crlf("From: " + from + "\n"
                + "To: unsubscribe@" + DOMAIN + "\n"
                + "Subject: unsubscribe " + token + "\n"
                + "Date: Thu, 01 Jan 2026 11:00:00 +0000\n"
                + "Message-ID: <" + id + "@mail.example.com>\n"
                + "MIME-Version: 1.0\n"
                + "Content-Type: text/plain; charset=UTF-8\n"
                + "\n"
                + "This message was automatically generated by Mail.\n");
    }

    static String spam(String id) {
        return crlf("From: Deals <deals@spam.example.biz>\n"
                + "To: bounces@" + DOMAIN + "\n"
                + "Subject: You have won\n"
                + "Message-ID: <" + id + "@spam.example.biz>\n"
                + "Date: Thu, 01 Jan 2026 12:00:00 +0000\n"
                + "\n"
                + "Click here.\n");
    }

    private static String crlf(String s) {
        return s.replace("\r\n", "\n").replace("\n", "\r\n");
    }
}
