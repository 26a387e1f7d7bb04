package com.picksdigest.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.picksdigest.digest.DigestModel.PickView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigestTemplatesTest {

    private static final String EVIL_TITLE = "Ship <script>alert(1)</script> & win";
    private static final String EVIL_SUMMARY = "Said \"quotes\" & <b>tags</b> in the summary.";

    private final DigestTemplates templates = new DigestTemplates(new TemplateEngine(Optional.empty()));

    @Test
    void htmlEscapesModelDataAndTextKeepsItVerbatim() {
        DigestModel model = model(
                "Ana",
                List.of(new PickView(
                        EVIL_TITLE,
                        "https://example.com/a?x=1&y=2",
                        EVIL_SUMMARY,
                        "Tom & Jerry's <News>",
                        "https://news.example.com/",
                        "Tools",
                        "Nov 25, 2026, 9:30 AM",
                        null)));

        String html = templates.renderHtml(model);
        assertThat(html)
                .doesNotContain("<script>", "<b>tags</b>", "<News>")
                .contains("Ship &lt;script&gt;alert(1)&lt;/script&gt; &amp; win")
                .contains("&quot;quotes&quot; &amp; &lt;b&gt;tags&lt;/b&gt;")
                .contains("href=\"https://example.com/a?x=1&amp;y=2\"")
                .contains("Tom &amp; Jerry&#39;s &lt;News&gt;");

        String text = templates.renderText(model);
        assertThat(text)
                .contains(
                        EVIL_TITLE,
                        "\"quotes\" & <b>tags</b>",
                        "Tom & Jerry's <News>",
                        "https://example.com/a?x=1&y=2");
    }

    @Test
    void everyPickAndFooterLinkAppearsInBothParts() {
        DigestModel model = sampleModel("Ana", 12);
        String html = templates.renderHtml(model);
        String text = templates.renderText(model);

        for (String out : List.of(html, text)) {
            boolean isHtml = out == html;
            assertThat(out)
                    .contains(
                            model.siteName(),
                            model.editionDate(),
                            model.archiveUrl(),
                            model.preferencesUrl(),
                            model.unsubscribeUrl());
            for (PickView p : model.picks()) {
                assertThat(out)
                        .contains(
                                isHtml ? escaped(p.title()) : p.title(),
                                p.url(),
                                p.category(),
                                p.sourceName(),
                                p.published());
            }
        }
        assertThat(html)
                .contains(
                        ">View in browser</a>",
                        ">Manage preferences</a>",
                        ">Unsubscribe</a>",
                        "href=\"" + model.unsubscribeUrl() + "\"");
        assertThat(text)
                .contains(
                        "View in browser: " + model.archiveUrl(),
                        "Manage preferences: " + model.preferencesUrl(),
                        "Unsubscribe: " + model.unsubscribeUrl());
        assertThat(text).contains("\n12. [");
        // pick order is the model's
        assertThat(html.indexOf(escaped(model.picks().get(0).title())))
                .isLessThan(html.indexOf(model.picks().get(11).title()));
    }

    @Test
    void htmlLinksTitleToArticleAndSourceToItsSite() {
        PickView p = new PickView(
                "Linked",
                "https://example.com/linked",
                "s",
                "Source Co",
                "https://source.example/",
                "Web",
                "Nov 25, 2026",
                "https://img.example/pic.jpg");
        String html = templates.renderHtml(model(null, List.of(p)));
        assertThat(html)
                .contains(
                        "<a href=\"https://example.com/linked\"",
                        ">Linked</a>",
                        "<a href=\"https://source.example/\"",
                        ">Source Co</a>");
        assertThat(html).containsPattern("<img src=\"https://img.example/pic.jpg\" width=\"\\d+\" alt=\"Linked\"");
    }

    @Test
    void optionalPartsAreLeftOutWhenNull() {
        PickView p = new PickView(
                "Bare pick", "https://example.com/bare", "Summary.", null, null, "Misc", "Nov 25, 2026", null);
        String html = templates.renderHtml(model(null, List.of(p)));
        assertThat(html).doesNotContain("<img", "Hi ").contains("Bare pick", "Nov 25, 2026");
        assertThat(templates.renderText(model(null, List.of(p))))
                .doesNotContain("Hi ")
                .contains("Bare pick");
    }

    @Test
    void onlyHttpUrlsBecomeLinks() {
        PickView p = new PickView(
                "Sneaky",
                "javascript:alert(1)",
                "s",
                "Src",
                "javascript:alert(2)",
                "Web",
                "Nov 25, 2026",
                "javascript:alert(3)");
        String html = templates.renderHtml(model(null, List.of(p)));
        assertThat(html).doesNotContain("javascript:").contains("Sneaky", "Src");
    }

    @Test
    void greetingOnlyWithAName() {
        assertThat(templates.renderHtml(sampleModel("Zoë <Admin>", 1))).contains("Hi Zoë &lt;Admin&gt;,");
        assertThat(templates.renderText(sampleModel("Zoë <Admin>", 1))).contains("Hi Zoë <Admin>,");
        assertThat(templates.renderHtml(sampleModel(null, 1))).doesNotContain("Hi ");
        assertThat(templates.renderText(sampleModel(null, 1))).doesNotContain("Hi ");
    }

    @Test
    void preheaderSitsInAHiddenElement() {
        DigestModel model = sampleModel("Ana", 3);
        String html = templates.renderHtml(model);
        Matcher m = Pattern.compile("<div style=\"([^\"]*)\">([^<]*)").matcher(html);
        boolean found = false;
        while (m.find()) {
            if (m.group(2).startsWith(escaped(model.preheader()))) {
                assertThat(m.group(1)).contains("display:none", "max-height:0", "overflow:hidden", "mso-hide:all");
                found = true;
            }
        }
        assertThat(found).as("preheader element").isTrue();
        assertThat(html.indexOf(escaped(model.preheader()))).isLessThan(html.indexOf(model.siteName() + "</a>"));
    }

    @Test
    void textSummariesWrapAt72Columns() {
        String longSummary = "word ".repeat(60).trim();
        String text = templates.renderText(model(
                null,
                List.of(new PickView(
                        "T",
                        "https://example.com/" + "x".repeat(90),
                        longSummary,
                        null,
                        null,
                        "C",
                        "Nov 25, 2026",
                        null))));
        assertThat(text.lines().filter(l -> l.contains("word")))
                .hasSizeGreaterThan(1)
                .allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(72));
        assertThat(text).contains("https://example.com/" + "x".repeat(90)); // URLs stay whole
    }

    @Test
    void templatesDirOverridesTheBuiltInTemplates(@TempDir Path dir) throws IOException {
        write(dir, "email/digest.txt.ftl", "<#ftl output_format=\"plainText\">Custom for ${siteName}: ${picks?size}");
        DigestTemplates custom = new DigestTemplates(new TemplateEngine(Optional.of(dir)));
        DigestModel model = sampleModel("Ana", 2);

        assertThat(custom.renderText(model)).isEqualTo("Custom for Picks Digest: 2");
        assertThat(custom.renderHtml(model))
                .contains("<!DOCTYPE html>", model.picks().get(1).title()); // falls back
        custom.check();
    }

    @Test
    void checkReportsASyntaxErrorWithTemplateNameAndLine(@TempDir Path dir) throws IOException {
        write(dir, "email/digest.html.ftl", "<#ftl output_format=\"HTML\">\n<p>\n<#if recipientName??>\nHi\n");
        DigestTemplates broken = new DigestTemplates(new TemplateEngine(Optional.of(dir)));

        assertThatThrownBy(broken::check)
                .isInstanceOf(TemplateFailure.class)
                .hasMessageContaining("Template email/digest.html.ftl, line ")
                .hasMessageContaining("#if");
    }

    @Test
    void runtimeErrorsNameTemplateAndLine(@TempDir Path dir) throws IOException {
        write(dir, "email/oops.txt.ftl", "line one\n\n${noSuchVariable}\n");
        DigestTemplates t = new DigestTemplates(new TemplateEngine(Optional.of(dir)));

        assertThatThrownBy(() -> t.render("oops.txt.ftl", Map.of()))
                .isInstanceOf(TemplateFailure.class)
                .hasMessageContaining("Template email/oops.txt.ftl, line 3, column 3")
                .hasMessageContaining("noSuchVariable");
        assertThatThrownBy(() -> t.render("missing.txt.ftl", Map.of()))
                .isInstanceOf(TemplateFailure.class)
                .hasMessageContaining("email/missing.txt.ftl");
    }

    @Test
    void renderTakesMapsAndRecordsAndEscapesHtmlByFileName(@TempDir Path dir) throws IOException {
        write(dir, "email/confirm.html.ftl", "<a href=\"${link}\">${name}</a>"); // no <#ftl> header on purpose
        write(dir, "email/confirm.txt.ftl", "${name} ${link}");
        DigestTemplates t = new DigestTemplates(new TemplateEngine(Optional.of(dir)));

        assertThat(t.render("confirm.html.ftl", Map.of("name", "<b>", "link", "https://x.example/?a=1&b=2")))
                .isEqualTo("<a href=\"https://x.example/?a=1&amp;b=2\">&lt;b&gt;</a>");
        assertThat(t.render("confirm.txt.ftl", new Confirm("<b>", "https://x.example/?a=1&b=2")))
                .isEqualTo("<b> https://x.example/?a=1&b=2");
    }

    @Test
    void rendersFromSeveralThreads() throws Exception {
        DigestModel model = sampleModel("Ana", 12);
        String expected = templates.renderHtml(model);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 4; i++) {
            Thread th = new Thread(() -> {
                try {
                    for (int n = 0; n < 50; n++) {
                        assertThat(templates.renderHtml(model)).isEqualTo(expected);
                    }
                } catch (Throwable e) {
                    errors.add(e);
                }
            });
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join();
        }
        assertThat(errors).isEmpty();
    }

    @Test
    void writesASampleForVisualChecks() throws IOException {
        DigestModel model = sampleModel("Ana", 12);
        Path target = Path.of("target");
        Files.createDirectories(target);
        Files.writeString(target.resolve("digest-sample.html"), templates.renderHtml(model));
        Files.writeString(target.resolve("digest-sample.txt"), templates.renderText(model));
        assertThat(target.resolve("digest-sample.html"))
                .content()
                .contains("Hi Ana,", model.unsubscribeUrl(), "</html>");
        assertThat(target.resolve("digest-sample.txt"))
                .content()
                .contains(
                        "Hi Ana,", model.unsubscribeUrl(), model.picks().get(0).title());
    }

    /** Templates read records through reflection, so a record model must be a public type. */
    public record Confirm(String name, String link) {}

    private static String escaped(String s) {
        return s.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    private static void write(Path dir, String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static DigestModel model(String name, List<PickView> picks) {
        return new DigestModel(
                "Picks Digest",
                "https://picks.example.com",
                "November 25, 2026",
                "Your Picks Digest for November 25, 2026",
                "Ship <script> & win, and 11 more picks",
                name,
                picks,
                "https://picks.example.com/u/tok123",
                "https://picks.example.com/prefs/tok123",
                "https://picks.example.com/archive/2026-11-25",
                "https://picks.example.com/subscribe",
                null,
                null,
                new com.picksdigest.i18n.Catalogues(java.util.Optional.empty()).of("en"));
    }

    private static DigestModel sampleModel(String name, int count) {
        String[] categories = {"AI", "Security", "Programming", "Hardware", "Science", "Open Source"};
        String[] sources = {"The Register", "Ars Technica", "LWN.net", "Hacker News", "Nature", "Phoronix"};
        List<PickView> picks = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String title = i == 1
                    ? EVIL_TITLE
                    : i == 5
                            ? "An unusually long headline about Supercalifragilisticexpialidocious-ness in "
                                    + "distributed systems, with far more words than any editor would normally allow"
                            : "Pick number " + i + ": what changed in release " + (10 + i) + ".0";
            picks.add(new PickView(
                    title,
                    "https://articles.example.org/2026/11/25/story-" + i,
                    i == 1
                            ? EVIL_SUMMARY
                            : "A short summary of pick " + i + ", explaining in two or three sentences why the editors "
                                    + "think it is worth your time. It mentions a detail or two so that readers can "
                                    + "decide quickly whether to click through.",
                    sources[i % sources.length],
                    i % 3 == 0 ? null : "https://source" + i + ".example.net/",
                    categories[i % categories.length],
                    "Nov 25, 2026, " + (7 + i % 5) + ":" + (10 + i) + " AM",
                    i % 4 == 2 ? "https://images.example.org/pick-" + i + ".jpg" : null));
        }
        return model(name, picks);
    }
}
