package com.picksdigest.bench;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

/** The two ways mailers are commonly written with Jakarta Mail, measured on the same messages as references. */
final class PlainJakartaMail {
    private PlainJakartaMail() {}

    /** One thread, Transport.send per message, default settings: a connection and a Nagle stall per message. */
    static double naiveRate(List<MimeMessage> messages, String host, int port) throws MessagingException {
        Properties p = new Properties();
        p.put("mail.smtp.host", host);
        p.put("mail.smtp.port", String.valueOf(port));
        Session session = Session.getInstance(p);
        List<MimeMessage> copies = new ArrayList<>();
        for (MimeMessage m : messages) copies.add(new MimeMessage(session, toStream(m)));
        long start = System.nanoTime();
        for (MimeMessage m : copies) Transport.send(m);
        return messages.size() / ((System.nanoTime() - start) / 1e9);
    }

    /** The same messages over one reused connection per thread with TCP_NODELAY, nothing else. */
    static double tunedRate(List<MimeMessage> messages, String host, int port, int threads) throws Exception {
        Properties p = new Properties();
        p.put("mail.smtp.host", host);
        p.put("mail.smtp.port", String.valueOf(port));
        p.put("mail.smtp.localhost", "bench.example.org");
        p.put("mail.smtp.socketFactory", new NoDelaySocketFactory());
        Session session = Session.getInstance(p);
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            final int offset = t;
            Thread th = new Thread(() -> {
                try (Transport tr = session.getTransport("smtp")) {
                    tr.connect();
                    for (int i = offset; i < messages.size(); i += threads) {
                        MimeMessage m = messages.get(i);
                        tr.sendMessage(m, m.getRecipients(Message.RecipientType.TO));
                    }
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                }
            });
            workers.add(th);
            th.start();
        }
        for (Thread th : workers) th.join();
        if (failure.get() != null) throw failure.get();
        return messages.size() / ((System.nanoTime() - start) / 1e9);
    }

    private static java.io.InputStream toStream(MimeMessage m) throws MessagingException {
        try {
            java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
            m.writeTo(b);
            return new java.io.ByteArrayInputStream(b.toByteArray());
        } catch (java.io.IOException e) {
            throw new MessagingException("cannot copy the sample message", e);
        }
    }
}
