package com.picksdigest.web.admin;

/**
 * A deferred delivery as an edition's report lists it.
 *
 * @param next when it is tried again, in the workspace's words
 * @param reply the relay's last reply, empty when none was kept
 */
public record DeferralRow(String subscriberId, String email, int attempts, String next, String reply) {}
