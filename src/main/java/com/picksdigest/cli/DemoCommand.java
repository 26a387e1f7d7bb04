package com.picksdigest.cli;

import static com.picksdigest.db.generated.Tables.DELIVERIES;
import static com.picksdigest.db.generated.Tables.DIGEST_PICKS;
import static com.picksdigest.db.generated.Tables.SUBSCRIBERS;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.picksdigest.App;
import com.picksdigest.config.ConfigException;
import com.picksdigest.config.Settings;
import com.picksdigest.delivery.DeliveryLedger;
import com.picksdigest.demo.DemoData;
import com.picksdigest.demo.DemoImages;
import com.picksdigest.web.WebServer;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Run the whole flow with nothing installed: embedded MariaDB and SMTP server, sample picks and "
                + "subscribers, a Quartz dispatch, and every received message written to target/demo/.")
final class DemoCommand implements Callable<Integer> {
    static final String SCHEMA = "picks_demo";

    @Mixin
    CommandRun run;

    @Option(
            names = "--out",
            defaultValue = "target/demo",
            description = "Where to write the messages (default ${DEFAULT-VALUE}).")
    Path outDir;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = run.out();
        Settings base = run.context().settings();
        Map<String, String> overrides = new HashMap<>();
        if (base.optional("PICKS_SECRET").isEmpty()) overrides.put("PICKS_SECRET", randomSecret());
        GreenMail greenMail = null;
        if (base.optional("PICKS_SMTP_HOST").isEmpty()) {
            greenMail = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            greenMail.start();
            overrides.put("PICKS_SMTP_HOST", "127.0.0.1");
            overrides.put("PICKS_SMTP_PORT", String.valueOf(greenMail.getSmtp().getPort()));
            overrides.put("PICKS_SMTP_TLS", "none");
        }
        // The pick images are served by this run's own web server; unless told otherwise, on a free loopback port.
        if (base.optional("PICKS_BASE_URL").isEmpty())
            overrides.put("PICKS_BASE_URL", "http://127.0.0.1:" + freePort());
        Settings settings = base.with(overrides);
        out.println("Starting the embedded MariaDB (data under "
                + com.picksdigest.config.DbConfig.from(settings).dataDir() + ") and "
                + (greenMail != null ? "an embedded SMTP server" : "the relay " + settings.required("PICKS_SMTP_HOST"))
                + "...");
        try (App app = App.boot(settings, run.context().clock())
                        .freshEmbedded(SCHEMA)
                        .open();
                WebServer web = serveImages(app)) {
            String baseUrl = app.mailConfig().baseUrl().toString();
            new DemoData(app.categories(), app.picks(), app.subscribers(), app.clock(), baseUrl).seed();
            out.printf(
                    "Seeded %d picks in %d categories and %d subscribers.%n",
                    app.database().dsl().fetchCount(com.picksdigest.db.generated.Tables.PICKS),
                    app.categories().active().size(),
                    DemoData.subscriberCount());
            app.checkTemplates();
            app.startScheduling("demo", List.of(app.sending().dispatchTask()), true);
            app.sending().workers().start();
            awaitSends(app);
            Path written = greenMail == null ? null : write(greenMail.getReceivedMessages(), app);
            summarize(app.database().dsl(), out, written);
            int served = checkImages(app.demoImages(), web.port());
            out.printf(
                    "The pick images were served from %s%s by the demo's own web server (127.0.0.1:%d) while it ran:"
                            + " %d of %d answered 200 image/png; the server stops with the demo.%n",
                    baseUrl,
                    DemoImages.PATH,
                    web.port(),
                    served,
                    app.demoImages().fileNames().size());
        } finally {
            if (greenMail != null) greenMail.stop();
        }
        return 0;
    }

    /** The public web server on the base URL's port, on loopback only: the demo is not meant to be reached from afar. */
    private static WebServer serveImages(App app) {
        URI base = app.mailConfig().baseUrl();
        int port = base.getPort() != -1 ? base.getPort() : base.getScheme().equals("https") ? 443 : 80;
        try {
            return app.webServer().start("127.0.0.1", port);
        } catch (RuntimeException e) {
            throw new ConfigException("The demo serves its pick images on 127.0.0.1:" + port + " (the port of "
                    + "PICKS_BASE_URL " + base + ") but could not listen there: " + e.getMessage()
                    + ". Free the port, or set PICKS_BASE_URL to http://127.0.0.1:<free port>.");
        }
    }

    /** How many of the images the server answers with 200 image/png: the output claims only what this saw. */
    private static int checkImages(DemoImages images, int port) throws IOException, InterruptedException {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        int ok = 0;
        for (String file : images.fileNames()) {
            HttpResponse<byte[]> r = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + DemoImages.PATH + file))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() == 200
                    && r.headers().firstValue("Content-Type").orElse("").startsWith("image/png")) {
                ok++;
            }
        }
        return ok;
    }

    /** Waits for Quartz to fire the dispatch and for the workers to finish what it queued. */
    private static void awaitSends(App app) throws InterruptedException {
        DeliveryLedger ledger = app.ledger();
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (app.sending().lastDispatch().isPresent()
                    && ledger.workable(LocalDateTime.now(app.clock().withZone(ZoneOffset.UTC))) == 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the demo dispatch did not finish within 2 minutes");
    }

    /** Each message as NN-subscriber-language.eml, and its HTML part as .html beside it. */
    private Path write(MimeMessage[] messages, App app) throws IOException, MessagingException {
        Files.createDirectories(outDir);
        try (Stream<Path> old = Files.list(outDir)) {
            for (Path p : old.filter(
                            p -> p.toString().endsWith(".eml") || p.toString().endsWith(".html"))
                    .toList()) {
                Files.delete(p);
            }
        }
        int n = 0;
        for (MimeMessage m : messages) {
            n++;
            String address = recipient(m);
            String who = address.replaceAll("@.*", "").replaceAll("[^A-Za-z0-9._-]", "_");
            var reader = app.subscribers().findByEmail(address);
            String stem = String.format("%02d-%s-%s", n, who, reader == null ? "unknown" : reader.getLocale());
            try (OutputStream o = Files.newOutputStream(outDir.resolve(stem + ".eml"))) {
                m.writeTo(o);
            }
            String html = htmlPart(m);
            if (html != null) Files.writeString(outDir.resolve(stem + ".html"), html);
        }
        return outDir.toAbsolutePath();
    }

    private static void summarize(DSLContext db, PrintWriter out, Path written) {
        out.println();
        out.printf("%-24s %-10s %-6s %s%n", "subscriber", "delivery", "picks", "reply");
        var rows = db.select(
                        SUBSCRIBERS.EMAIL, DELIVERIES.STATUS, DSL.count(DIGEST_PICKS.PICK_ID), DELIVERIES.LAST_REPLY)
                .from(SUBSCRIBERS)
                .leftJoin(DELIVERIES)
                .on(DELIVERIES.SUBSCRIBER_ID.eq(SUBSCRIBERS.ID))
                .leftJoin(DIGEST_PICKS)
                .on(DIGEST_PICKS.DIGEST_ID.eq(DELIVERIES.DIGEST_ID))
                .groupBy(SUBSCRIBERS.EMAIL, DELIVERIES.STATUS, DELIVERIES.LAST_REPLY, SUBSCRIBERS.ID)
                .orderBy(SUBSCRIBERS.ID)
                .fetch();
        Map<String, Integer> totals = new HashMap<>();
        for (var r : rows) {
            String status = r.value2() == null ? "not due" : r.value2().stored();
            totals.merge(status, 1, Integer::sum);
            out.printf(
                    "%-24s %-10s %-6d %s%n",
                    r.value1(),
                    status,
                    r.value3(),
                    r.value4() == null
                            ? ""
                            : r.value4().length() > 60 ? r.value4().substring(0, 60) : r.value4());
        }
        out.println();
        out.println("Demo done: " + totals
                + (written == null
                        ? ""
                        : "; messages in " + written
                                + " (open the .html files in a browser, the .eml files in a mail client)"));
    }

    private static String recipient(MimeMessage m) throws MessagingException {
        Address[] to = m.getRecipients(MimeMessage.RecipientType.TO);
        return to == null ? "unknown" : ((InternetAddress) to[0]).getAddress();
    }

    private static String htmlPart(MimeMessage m) throws IOException, MessagingException {
        if (!m.isMimeType("multipart/alternative")) return null;
        Multipart mp = (Multipart) m.getContent();
        for (int i = 0; i < mp.getCount(); i++) {
            if (mp.getBodyPart(i).isMimeType("text/html"))
                return (String) mp.getBodyPart(i).getContent();
        }
        return null;
    }

    private static String randomSecret() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
