package com.picksdigest.web;

/**
 * "Check your inbox": after a sign-up, a resubscription or signing out every link, each of which mails the reader.
 *
 * @param heading catalogue key of the page's heading
 * @param message catalogue key of what was mailed and why
 */
record CheckInbox(String heading, String message, String email, String locale) {}
