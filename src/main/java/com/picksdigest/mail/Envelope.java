package com.picksdigest.mail;

/** Who a message is from and to, as SMTP's MAIL FROM and RCPT TO say (the Return-Path and the one recipient). */
public record Envelope(String from, String to) {}
