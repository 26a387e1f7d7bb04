package com.picksdigest.mail;

/** Who a message is from and to, as SMTP's MAIL FROM and RCPT TO say (the Return-Path and the one recipient). */
public record Envelope(String from, String to) {

    /** Whether an address holds a character beyond ASCII, which only a relay offering SMTPUTF8 may be sent. */
    public boolean needsSmtpUtf8() {
        return !ascii(from) || !ascii(to);
    }

    private static boolean ascii(String address) {
        for (int i = 0; i < address.length(); i++) {
            if (address.charAt(i) > 0x7e) return false;
        }
        return true;
    }
}
