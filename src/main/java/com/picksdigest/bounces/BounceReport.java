package com.picksdigest.bounces;

import java.util.Optional;
import java.util.Set;

/** What one message in the bounce mailbox says, as far as the message alone tells. */
public sealed interface BounceReport {

    /**
     * How to find whom a report is about. Nothing here is proof on its own: {@link BounceActions} checks each part
     * against what we signed and what the ledger says we sent.
     *
     * @param token              a subscriber link token found in the quoted digest's List-Unsubscribe: signed by us,
     *                           but it counts only while it is the subscriber's current one
     * @param deliveryId         the delivery named by the return path (bounces+ID.MAC@...), its MAC already checked
     * @param recipients         the addresses the report says it is about (Final-Recipient, Original-Recipient,
     *                           X-Failed-Recipients, Original-Rcpt-To, Removal-Recipient), lower-cased: written by
     *                           whoever sent the report, so they can only make it refused, never accepted
     * @param messageId          the quoted digest's Message-ID: which delivery a report without a return path is about
     * @param unsignedReturnPath the delivery id came from an address without a MAC (bounces+ID@...), as digests had
     *                           before return paths were signed
     */
    record Reference(
            Optional<String> token,
            Optional<Long> deliveryId,
            Set<String> recipients,
            Optional<String> messageId,
            boolean unsignedReturnPath) {}

    /** RFC 3464 DSN, Action: failed, Status 5.x.x. */
    record HardBounce(Reference about, String status, String diagnostic) implements BounceReport {}

    /** RFC 3464 DSN, Action: failed, Status 4.x.x (the relay gave up on a temporary failure). */
    record SoftBounce(Reference about, String status, String diagnostic) implements BounceReport {}

    /** RFC 5965 feedback report of type abuse, fraud or virus: the reader marked the digest as spam. */
    record Complaint(Reference about, String feedbackType) implements BounceReport {}

    /** A mail to the List-Unsubscribe mailto: address with the subject "unsubscribe TOKEN". */
    record MailtoUnsubscribe(String token) implements BounceReport {}

    /** A report that asks for nothing (a delay warning, a success notice): processed, nothing changes. */
    record NoAction(String why) implements BounceReport {}

    /** Not something this program understands: left in the mailbox for a person. */
    record Unrecognised(String why) implements BounceReport {}
}
