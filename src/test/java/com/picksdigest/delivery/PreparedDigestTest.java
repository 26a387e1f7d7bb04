package com.picksdigest.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.picksdigest.config.MailConfig;
import com.picksdigest.config.Settings;
import com.picksdigest.digest.DigestComposer;
import com.picksdigest.digest.DigestModel;
import com.picksdigest.digest.DigestTemplates;
import com.picksdigest.digest.SelectedPick;
import com.picksdigest.digest.TemplateEngine;
import com.picksdigest.mail.MessagePayload;
import com.picksdigest.support.Mails;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The edition's fast path (render and encode once per group) must produce what the general path produces. */
class PreparedDigestTest {
    final MailConfig mail = MailConfig.from(Settings.of(Map.of(
            "PICKS_SECRET",
            "p".repeat(40),
            "PICKS_FROM",
            "Picks <digest@picks.example.org>",
            "PICKS_BASE_URL",
            "https://picks.example.org")));
    final DigestComposer composer = new DigestComposer(
            mail,
            new com.picksdigest.i18n.Catalogues(java.util.Optional.empty()),
            com.picksdigest.digest.NoteSource.NONE);
    final DigestTemplates templates = new DigestTemplates(new TemplateEngine(Optional.empty()));
    final DigestMessage messages = new DigestMessage(mail, java.time.Clock.systemUTC());
    final PreparedDigests prepared = new PreparedDigests(composer, templates);

    List<SelectedPick> picks() {
        List<SelectedPick> l = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            l.add(new SelectedPick(
                    i,
                    "Pick " + i + " <script>alert(1)</script> & café = ünïcode " + "long ".repeat(i * 3),
                    "https://news.example.org/a?x=" + i + "&y=2",
                    "Summary " + i + " with trailing space \n and = signs " + "and a very long line ".repeat(10)
                            + "\n.a line that starts with a dot\n.\n",
                    "Source " + i,
                    null,
                    null,
                    "Cat " + (i % 3),
                    LocalDateTime.of(2026, 11, 25, 8, i),
                    i % 3,
                    i,
                    0,
                    false));
        }
        return l;
    }

    @Test
    void fastPathDecodesToExactlyWhatTheGeneralPathSends() throws Exception {
        for (String name : new String[] {"Zoë <b>\"Bold\"</b> & Co. " + "x".repeat(150), null}) {
            for (boolean textOnly : new boolean[] {false, true}) {
                String token = "123.4.abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ-_";
                LocalDate date = LocalDate.of(2026, 11, 25);
                byte[] raw = bytes(messages.prepared(
                        prepared.get(
                                new PreparedDigests.Key(picks(), date, "Europe/Paris", "fr", textOnly, name != null)),
                        "zoe@example.org",
                        name,
                        token));
                MimeMessage fast = Mails.parse(raw);
                DigestModel model = composer.compose(
                        date, picks(), new DigestComposer.Recipient(name, "Europe/Paris", "fr", token));
                MimeMessage general = Mails.parse(bytes(messages.build(
                        "zoe@example.org",
                        name,
                        token,
                        model,
                        templates.renderText(model),
                        textOnly ? null : templates.renderHtml(model))));

                // line ends are CRLF on the wire either way; compare the text itself
                assertThat(lf(Mails.text(fast))).isEqualTo(lf(Mails.text(general)));
                assertThat(lf(Mails.html(fast))).isEqualTo(textOnly ? null : lf(Mails.html(general)));
                assertThat(fast.getSubject()).isEqualTo(general.getSubject());
                assertThat(Mails.header(fast, "List-Unsubscribe")).isEqualTo(Mails.header(general, "List-Unsubscribe"));
                assertThat(Mails.header(fast, "To")).isEqualTo(Mails.header(general, "To"));
                for (String h : List.of(
                        "From", "List-Id", "List-Unsubscribe-Post", "Auto-Submitted", "Precedence", "MIME-Version")) {
                    assertThat(Mails.header(fast, h)).as(h).isNotNull().isEqualTo(Mails.header(general, h));
                }
                assertThat(fast.getSentDate()).isCloseTo(new java.util.Date(), 60_000);
                assertThat(fast.getMessageID()).matches("<[0-9a-f]+\\.\\d+@picks\\.example\\.org>");
                // written to the socket as is: no line may start with a dot (SMTP would eat it)
                assertThat(new String(raw, StandardCharsets.US_ASCII).split("\r\n"))
                        .noneMatch(l -> l.startsWith("."));
                String body = new String(bytes(fast), StandardCharsets.US_ASCII);
                String bodyOnly = body.substring(body.indexOf("\r\n\r\n"));
                for (String line : bodyOnly.split("\r\n", -1)) {
                    assertThat(line.length()).as("encoded body line").isLessThanOrEqualTo(QuotedPrintable.MAX_LINE);
                    assertThat(line).doesNotEndWith(" ");
                }
                if (name != null && !textOnly) {
                    assertThat(Mails.html(fast)).contains("Zoë &lt;b&gt;&quot;Bold&quot;&lt;/b&gt; &amp; Co.");
                    assertThat(Mails.text(fast)).contains("Zoë <b>\"Bold\"</b> & Co.");
                }
                assertThat(Mails.text(fast)).contains("https://picks.example.org/u/" + token);
            }
        }
    }

    private static String lf(String s) {
        return s == null ? null : s.replace("\r\n", "\n");
    }

    private static byte[] bytes(MessagePayload m) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        return out.toByteArray();
    }

    private static byte[] bytes(MimeMessage m) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        return out.toByteArray();
    }
}
