package com.picksdigest.bounces;

import java.util.Optional;
import java.util.Set;

/** What one message in the bounce mailbox says, as far as the message alone tells. */
public sealed interface BounceReport {

    /**
     * How to find whom a report is about.
     *
     * @param token      a subscriber link token found in the original digest's List-Unsubscribe (signed: trusted)
     * @param deliveryId the delivery named by the VERP return path (bounces+ID@...): anyone can write to that
     *                   address, so it counts only when the report also names the delivery's recipient
     * @param recipients the addresses the report says it is about (Final-Recipient, Original-Recipient,
     *                   X-Failed-Recipients, Original-Rcpt-To, Removal-Recipient), lower-cased
     */
    record Reference(Optional<String> token, Optional<Long> deliveryId, Set<String> recipients) {}

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
