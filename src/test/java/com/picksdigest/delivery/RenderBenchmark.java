package com.picksdigest.delivery;

import com.picksdigest.config.MailConfig;
import com.picksdigest.config.Settings;
import com.picksdigest.digest.DigestComposer;
import com.picksdigest.digest.DigestModel;
import com.picksdigest.digest.DigestTemplates;
import com.picksdigest.digest.SelectedPick;
import com.picksdigest.digest.TemplateEngine;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * µs per digest (12 picks, HTML + text): the full render as one subscriber alone would cost, the full message
 * through Jakarta Mail's multipart, and what the edition path pays per subscriber once its group is rendered.
 * Run: see README, Performance.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RenderBenchmark {
    private DigestComposer composer;
    private DigestTemplates templates;
    private DigestMessage messages;
    private PreparedDigests prepared;
    private List<SelectedPick> picks;
    private final LocalDate date = LocalDate.of(2026, 11, 25);
    private static final String TOKEN = "123456.1.abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ";
    private static final OutputStream NULL = OutputStream.nullOutputStream();

    @Setup
    public void setUp() {
        MailConfig mail = MailConfig.from(Settings.of(Map.of(
                "PICKS_SECRET",
                "b".repeat(40),
                "PICKS_FROM",
                "Picks <digest@picks.example.org>",
                "PICKS_BASE_URL",
                "https://picks.example.org")));
        composer = new DigestComposer(
                mail,
                new com.picksdigest.i18n.Catalogues(java.util.Optional.empty()),
                com.picksdigest.digest.NoteSource.NONE);
        templates = new DigestTemplates(new TemplateEngine(Optional.empty()));
        messages = new DigestMessage(mail, java.time.Clock.systemUTC());
        prepared = new PreparedDigests(composer, templates);
        picks = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            picks.add(new SelectedPick(
                    i,
                    "Pick " + i + ": an open-weight model changes how teams ship software",
                    "https://news.example.com/story-" + i,
                    "A summary of about four hundred characters. ".repeat(9),
                    "Source " + i,
                    "https://source.example.com",
                    null,
                    "Category " + (i % 4),
                    LocalDateTime.of(2026, 11, 25, 7, i),
                    i % 4,
                    i,
                    0,
                    false));
        }
    }

    @Benchmark
    public int renderHtmlAndText() {
        DigestModel m = composer.compose(date, picks, new DigestComposer.Recipient("Ada", "Europe/Paris", "en", TOKEN));
        return templates.renderHtml(m).length() + templates.renderText(m).length();
    }

    @Benchmark
    public void generalPathMessage() throws Exception {
        DigestModel m = composer.compose(date, picks, new DigestComposer.Recipient("Ada", "Europe/Paris", "en", TOKEN));
        messages.build("ada@example.org", "Ada", TOKEN, m, templates.renderText(m), templates.renderHtml(m))
                .writeTo(NULL);
    }

    @Benchmark
    public void editionPathMessage() throws Exception {
        PreparedDigest d = prepared.get(new PreparedDigests.Key(picks, date, "Europe/Paris", "en", false, true));
        messages.prepared(d, "ada@example.org", "Ada", TOKEN).writeTo(NULL);
    }
}
