package com.picksdigest.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.picksdigest.config.MailConfig;
import com.picksdigest.config.Settings;
import com.picksdigest.digest.DigestComposer;
import com.picksdigest.digest.DigestTemplates;
import com.picksdigest.digest.SelectedPick;
import com.picksdigest.digest.TemplateEngine;
import com.picksdigest.i18n.Catalogues;
import com.picksdigest.support.Browser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The Arabic and Japanese digest and sign-up page in Chromium, at 320 and 800 CSS pixels, light and dark: saved as
 * PNGs under target/screenshots/ for a person to look at, and checked for what a person would see first: nothing
 * wider than the screen (no clipped or scrolling layout), the Arabic frame starting at the right, and an English
 * pick title inside it still reading left to right.
 */
class LanguageScreenshotsTest {
    private static final Path OUT = Path.of("target", "screenshots");

    @Test
    void arabicAndJapaneseAtPhoneAndDesktopWidthsInLightAndDark() throws IOException {
        Files.createDirectories(OUT);
        try (WebTestSupport w = new WebTestSupport(LanguageScreenshotsTest.class);
                Browser b = Browser.start(Browser.DESKTOP, Map.of())) {
            w.categories.add("Security");
            w.categories.add("AI Whole Tech");
            for (String lang : List.of("ar", "ja")) {
                Path digest = OUT.resolve("digest-" + lang + ".html").toAbsolutePath();
                Files.writeString(digest, digestHtml(lang));
                for (int width : new int[] {320, 800}) {
                    for (String scheme : List.of("light", "dark")) {
                        emulate(b, width, scheme);
                        b.driver().get(digest.toUri().toString());
                        check(b, lang, width, "a.pd-text", "digest");
                        // The English title keeps its own direction inside the Arabic frame.
                        assertThat(
                                        b.driver()
                                                .executeScript(
                                                        "return getComputedStyle(document.querySelector('h2[dir=auto]')).direction"))
                                .isEqualTo("ltr");
                        shoot(b, "digest-" + lang + "-" + width + "-" + scheme);
                        b.driver().get(w.uri("/subscribe?lang=" + lang).toString());
                        check(b, lang, width, "main h1", "sign-up");
                        shoot(b, "signup-" + lang + "-" + width + "-" + scheme);
                    }
                }
            }
        }
    }

    /** Nothing wider than the screen; the short element starts on the reading side (right in Arabic). */
    private static void check(Browser b, String lang, int width, String selector, String what) {
        String name = what + " " + lang + " at " + width;
        Number scroll = (Number) b.driver().executeScript("return document.documentElement.scrollWidth");
        assertThat(scroll.intValue()).as(name + ": page width").isLessThanOrEqualTo(width);
        @SuppressWarnings("unchecked")
        List<Number> edges = (List<Number>) b.driver()
                .executeScript(
                        "const e = document.querySelector(arguments[0]);"
                                + "const r = document.createRange(); r.selectNodeContents(e);"
                                + "const t = r.getBoundingClientRect(), c = e.parentElement.getBoundingClientRect();"
                                + "return [t.left - c.left, c.right - t.right];",
                        selector);
        double fromLeft = edges.get(0).doubleValue();
        double fromRight = edges.get(1).doubleValue();
        if (lang.equals("ar")) {
            assertThat(fromRight).as(name + ": starts at the right").isLessThan(fromLeft);
        } else {
            assertThat(fromLeft).as(name + ": starts at the left").isLessThan(fromRight);
        }
    }

    private static void emulate(Browser b, int width, String scheme) {
        b.driver()
                .executeCdpCommand(
                        "Emulation.setDeviceMetricsOverride",
                        Map.of("width", width, "height", 900, "deviceScaleFactor", 1, "mobile", width < 500));
        b.driver()
                .executeCdpCommand(
                        "Emulation.setEmulatedMedia",
                        Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
    }

    private static void shoot(Browser b, String name) throws IOException {
        Object png = b.driver()
                .executeCdpCommand("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true))
                .get("data");
        Files.write(OUT.resolve(name + ".png"), Base64.getDecoder().decode((String) png));
    }

    private static String digestHtml(String lang) {
        MailConfig mail = MailConfig.from(Settings.of(Map.of(
                "PICKS_SECRET",
                "s".repeat(40),
                "PICKS_BASE_URL",
                "https://picks.example.org",
                "PICKS_SITE_NAME",
                "Picks Digest",
                "PICKS_POSTAL_ADDRESS",
                "1 Example Street, Springfield")));
        Catalogues catalogues = new Catalogues(Optional.empty());
        DigestComposer composer = new DigestComposer(mail, catalogues, com.picksdigest.digest.NoteSource.NONE);
        List<SelectedPick> picks = List.of(
                pick(1, "Microsoft & Mayo Clinic Team Up to Build a Healthcare-Specific AI Model", "AI Whole Tech"),
                pick(2, "Supercalifragilisticexpialidocious-long-unbroken-identifier-in-a-title", "Security"),
                pick(
                        3,
                        lang.equals("ar") ? "ثغرة جديدة في مكتبة OpenSSL تصيب الخوادم" : "新しい脆弱性が OpenSSL に",
                        "Security"));
        return new DigestTemplates(new TemplateEngine(Optional.empty()))
                .renderHtml(composer.compose(
                        LocalDate.of(2026, 12, 4),
                        picks,
                        new DigestComposer.Recipient(lang.equals("ar") ? "ليلى" : "ゆきひろ", "UTC", lang, "tok")));
    }

    private static SelectedPick pick(long id, String title, String category) {
        return new SelectedPick(
                id,
                title,
                "https://example.org/" + id,
                "A summary the editor wrote in English, long enough to wrap over two or three lines on a phone.",
                "Example News",
                "https://news.example.org/",
                null,
                category,
                LocalDateTime.of(2026, 12, 4, 8, 30),
                1,
                (int) id,
                id,
                false);
    }
}
