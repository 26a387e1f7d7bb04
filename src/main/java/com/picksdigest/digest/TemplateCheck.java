package com.picksdigest.digest;

import com.picksdigest.config.ConfigException;
import freemarker.core.HTMLOutputFormat;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The check run once at start, before anything is served or sent: every template the application uses parses (web
 * pages, workspace pages, e-mails; the operator's file when PICKS_TEMPLATES_DIR has one, else the jar's), a sample
 * digest renders, and the digest templates print the per-subscriber values untransformed.
 *
 * <p>That last rule comes from the edition's fast path: it renders each distinct digest once with placeholders
 * ({@link DigestTemplates#NAME_SLOT}, {@link DigestTemplates#TOKEN_SLOT}) for the reader's name and link token, and
 * puts every reader's values into the encoded message afterwards. A template applying {@code ?upper_case},
 * {@code ?truncate}, {@code ?length} or {@code ?url} to recipientName, unsubscribeUrl or preferencesUrl would act on
 * the placeholder, and readers would silently get a wrong name or a broken link. So the sample is rendered for two
 * different readers, directly and through placeholders, and both ways must give the same text.
 */
public final class TemplateCheck {
    private static final LocalDate DATE = LocalDate.of(2026, 1, 5);
    private static final String TIMEZONE = "UTC";
    private static final String LOCALE = "en";

    /** Readers whose values tell a transformation apart: mixed case, characters to escape, long and short. */
    private static final List<Reader> READERS = List.of(
            new Reader(
                    "Zoë <Ann> \"Q\" O'Brien & Co. " + "Longname".repeat(16), "1024.3.AbCdEfGhIjKlMnOpQrStUvWxYz-_09"),
            new Reader("bo", "7.1.x"));

    private static final List<SelectedPick> PICKS = List.of(
            new SelectedPick(
                    1,
                    "Sample pick with every part",
                    "https://example.org/sample",
                    "A sample summary, long enough to be wrapped in the text part of the digest like a real one is.",
                    "Sample source",
                    "https://source.example.org/",
                    "https://images.example.org/sample.jpg",
                    "Sample category",
                    LocalDateTime.of(2026, 1, 5, 8, 0),
                    1,
                    0,
                    1,
                    false),
            new SelectedPick(
                    2,
                    "Sample pick with only what is required",
                    "https://example.org/bare",
                    "",
                    null,
                    null,
                    null,
                    "Another category",
                    LocalDateTime.of(2026, 1, 5, 9, 30),
                    2,
                    1,
                    2,
                    false));

    private final TemplateEngine engine;
    private final DigestTemplates digests;
    private final DigestComposer composer;

    public TemplateCheck(TemplateEngine engine, DigestTemplates digests, DigestComposer composer) {
        this.engine = engine;
        this.digests = digests;
        this.composer = composer;
    }

    /**
     * @throws ConfigException one sentence naming the template file and the line of the first error, or the
     *     per-subscriber value a digest template transforms
     */
    public void run() {
        try {
            engine.checkAll();
            checkValuesUntransformed(
                    DigestTemplates.HTML, digests::renderHtml, HTMLOutputFormat.INSTANCE::escapePlainText);
            checkValuesUntransformed(DigestTemplates.TEXT, digests::renderText, UnaryOperator.identity());
        } catch (TemplateFailure e) {
            throw new ConfigException(sentence(e));
        }
    }

    private record Reader(String name, String token) {}

    /** The fast path's result (placeholders replaced as PreparedBody does) must equal a render for the reader. */
    private void checkValuesUntransformed(
            String template, Function<DigestModel, String> render, UnaryOperator<String> escapeName) {
        String tokenSlots = render.apply(model(READERS.get(0).name(), DigestTemplates.TOKEN_SLOT));
        String nameSlots =
                render.apply(model(DigestTemplates.NAME_SLOT, READERS.get(0).token()));
        for (Reader r : READERS) {
            String tokenExpected = render.apply(model(READERS.get(0).name(), r.token()));
            if (!tokenSlots.replace(DigestTemplates.TOKEN_SLOT, r.token()).equals(tokenExpected)) {
                throw transformed(
                        template, "unsubscribeUrl or preferencesUrl", "${unsubscribeUrl}", "the reader's link token");
            }
            String nameExpected = render.apply(model(r.name(), READERS.get(0).token()));
            if (!nameSlots
                    .replace(DigestTemplates.NAME_SLOT, escapeName.apply(r.name()))
                    .equals(nameExpected)) {
                throw transformed(template, "recipientName", "${recipientName}", "the reader's name");
            }
        }
    }

    /** A note on every checked digest, so a template that breaks on one fails at start, not on a note's day. */
    private static final DigestModel.NoteView NOTE =
            new DigestModel.NoteView("<p>A <strong>note</strong> from the editors.</p>", "A note from the editors.");

    private DigestModel model(String name, String token) {
        return composer.compose(DATE, PICKS, new DigestComposer.Recipient(name, TIMEZONE, LOCALE, token))
                .withNote(NOTE);
    }

    private ConfigException transformed(String template, String values, String example, String what) {
        return new ConfigException(origin(template) + " transforms " + values + " (with a built-in such as ?upper_case,"
                + " ?truncate or ?url, or a test of its value): digests are rendered once for many readers with a"
                + " placeholder for " + what + ", so the template must print it as it is, e.g. " + example + ".");
    }

    /** FreeMarker's message cut to one line: its first, and the expression it names when the first ends with ':'. */
    private String sentence(TemplateFailure e) {
        List<String> lines = e.getMessage().lines().map(String::strip).toList();
        String first = lines.isEmpty() ? "" : lines.get(0);
        if (first.endsWith(":") && lines.size() > 1) {
            first += " " + lines.get(1).replaceFirst("^==>\\s*", "").replaceFirst("\\s*\\[in template .*$", "");
        }
        String prefix = "Template " + e.template();
        String detail = first.startsWith(prefix) ? first.substring(prefix.length()) : ": " + first;
        return origin(e.template()) + detail;
    }

    /** "Template web/x.html.ftl (built in)" or "Template /dir/web/x.html.ftl (PICKS_TEMPLATES_DIR)". */
    private String origin(String template) {
        Optional<Path> file = engine.overrideFile(template);
        return file.map(f -> "Template " + f + " (PICKS_TEMPLATES_DIR)").orElse("Template " + template + " (built in)");
    }
}
