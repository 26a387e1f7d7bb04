package com.picksdigest.mail.smtp;

/** One SMTP reply: its code and its text, continuation lines joined by spaces. */
record SmtpReply(int code, String text) {
    boolean permanent() {
        return code >= 500;
    }

    /** Without CR/LF, fit for the ledger and a log line. */
    @Override
    public String toString() {
        return text.isEmpty() ? String.valueOf(code) : code + " " + text;
    }
}
