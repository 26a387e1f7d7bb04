package com.picksdigest.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One palette per medium, shared by its layouts and overridable on its own; web pages style through classes. */
class TemplateStylesTest {
    private static final Path SOURCES = Path.of("templates");
    private static final Pattern STYLE_ATTRIBUTE = Pattern.compile("\\sstyle\\s*=");

    private static final Map<String, Object> PUBLIC_ERROR = Map.of(
            "t",
            new com.picksdigest.i18n.Catalogues(java.util.Optional.empty()).of("en"),
            "siteName",
            "Picks",
            "archiveUrl",
            "/archive",
            "subscribeUrl",
            "/subscribe",
            "status",
            404,
            "title",
            "error.notFound.title",
            "message",
            "error.notFound.message");
    private static final Map<String, Object> ADMIN_ERROR =
            Map.of("siteName", "Picks", "base", "", "status", 404, "title", "Not found", "message", "No such page.");
    private static final Map<String, Object> NOTICE = Map.of(
            "t",
            new com.picksdigest.i18n.Catalogues(java.util.Optional.empty()).of("en"),
            "siteName",
            "Picks",
            "siteUrl",
            "https://picks.example.org",
            "email",
            "a@example.org",
            "action",
            "subscribe",
            "confirmUrl",
            "https://picks.example.org/confirm/x",
            "validDays",
            7);

    @TempDir
    Path dir;

    @Test
    void webTemplatesUseClassesNotStyleAttributes() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES.resolve("web"))) {
            List<Path> templates =
                    files.filter(p -> p.toString().endsWith(".ftl")).toList();
            assertThat(templates).hasSizeGreaterThan(20);
            for (Path t : templates) {
                assertThat(STYLE_ATTRIBUTE.matcher(Files.readString(t)).find())
                        .as(t.toString())
                        .isFalse();
            }
        }
    }

    @Test
    void bothWebLayoutsTakeTheirColoursFromTheOnePalette() throws IOException {
        TemplateEngine builtIn = new TemplateEngine(Optional.empty());
        for (String page : List.of(publicError(builtIn), adminError(builtIn))) {
            assertThat(page).containsOnlyOnce("--text: #1f2328;").containsOnlyOnce("--text: #e6edf3;");
        }

        override("web/palette.css.ftl", "--text: #1f2328;", "--text: #123456;");
        TemplateEngine restyled = new TemplateEngine(Optional.of(dir));
        for (String page : List.of(publicError(restyled), adminError(restyled))) {
            assertThat(page).contains("--text: #123456;").doesNotContain("#1f2328");
        }
    }

    @Test
    void bothEmailLayoutsTakeTheirColoursAndDarkModeFromTheOnePalette() throws IOException {
        String dark = ".pd-text { color: #e6edf3 !important; }";
        override("email/palette.html.ftl", "text = \"#1f2328\"", "text = \"#123456\"");
        TemplateEngine builtIn = new TemplateEngine(Optional.empty());
        TemplateEngine restyled = new TemplateEngine(Optional.of(dir));

        assertThat(digest(builtIn)).contains("color:#1f2328;", dark);
        assertThat(notice(builtIn)).contains("color:#1f2328;", dark);
        assertThat(digest(restyled)).contains("color:#123456;", dark).doesNotContain("#1f2328");
        assertThat(notice(restyled)).contains("color:#123456;", dark).doesNotContain("#1f2328");
    }

    private static String publicError(TemplateEngine engine) {
        return engine.render("web/error.html.ftl", PUBLIC_ERROR);
    }

    private static String adminError(TemplateEngine engine) {
        return engine.render("web/admin/error.html.ftl", ADMIN_ERROR);
    }

    private static String notice(TemplateEngine engine) {
        return engine.render("email/confirm.html.ftl", NOTICE);
    }

    private static String digest(TemplateEngine engine) {
        return new DigestTemplates(engine)
                .renderHtml(new DigestModel(
                        "Picks",
                        "https://picks.example.org",
                        "January 5, 2026",
                        "Subject",
                        "Preheader",
                        "Ann",
                        List.of(new DigestModel.PickView(
                                "Title", "https://example.org/a", "Summary", null, null, "Cat", "9:00", null)),
                        "https://picks.example.org/u/t",
                        "https://picks.example.org/prefs/t",
                        "https://picks.example.org/archive/2026-01-05",
                        "https://picks.example.org/subscribe",
                        null,
                        null,
                        new com.picksdigest.i18n.Catalogues(java.util.Optional.empty()).of("en")));
    }

    /** Copies a built-in template into the override directory with one piece of it replaced. */
    private void override(String name, String from, String to) throws IOException {
        String builtIn = Files.readString(SOURCES.resolve(name));
        assertThat(builtIn).contains(from);
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, builtIn.replace(from, to));
    }
}
