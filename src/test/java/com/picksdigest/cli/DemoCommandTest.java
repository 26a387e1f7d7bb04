package com.picksdigest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.picksdigest.support.Cli;
import com.picksdigest.support.Mails;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The newcomer's command: nothing configured, runs twice, leaves parseable messages behind. */
class DemoCommandTest {
    @Test
    void demoRunsTwiceAndWritesEveryMessage(@TempDir Path dataDir, @TempDir Path out) throws Exception {
        Cli cli = new Cli(Map.of("PICKS_DATA_DIR", dataDir.toString()));
        for (int run = 1; run <= 2; run++) {
            Cli.Result r = cli.run("demo", "--out", out.toString());
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out())
                    .contains("Demo done: {sent=7}")
                    .contains("ada@example.org")
                    .contains(out.toString())
                    .containsPattern("The pick images were served from http://127\\.0\\.0\\.1:\\d+/static/demo/ by the"
                            + " demo's own web server \\(127\\.0\\.0\\.1:\\d+\\) while it ran: 4 of 4 answered 200"
                            + " image/png");
            List<Path> emls;
            try (Stream<Path> s = Files.list(out)) {
                emls = s.filter(p -> p.toString().endsWith(".eml")).sorted().toList();
            }
            assertThat(emls).hasSize(7);
            // One digest per shipped language
            assertThat(emls.stream().map(p -> p.getFileName().toString().replaceAll("^\\d\\d-[a-z]+-|\\.eml$", "")))
                    .containsExactlyInAnyOrder("en", "de", "fr", "es", "pt-BR", "ja", "ar");
            try (Stream<Path> s = Files.list(out)) {
                assertThat(s.filter(p -> p.toString().endsWith(".html")).count())
                        .isEqualTo(6);
            }
            // The HTML digests point at the images the demo served under its base URL
            String html;
            try (Stream<Path> s = Files.list(out)) {
                html = s.filter(p -> p.getFileName().toString().contains("-en.html"))
                        .findFirst()
                        .map(DemoCommandTest::read)
                        .orElseThrow();
            }
            assertThat(html).containsPattern("<img src=\"http://127\\.0\\.0\\.1:\\d+/static/demo/ai\\.png\"");
            boolean sawHeadline = false;
            for (Path p : emls) {
                assertThat(p.getFileName().toString()).matches("\\d\\d-[a-z]+-(en|de|fr|es|pt-BR|ja|ar)\\.eml");
                MimeMessage m = Mails.parse(Files.readAllBytes(p));
                assertThat(Mails.header(m, "List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
                String text = Mails.text(m);
                if (text.contains("Microsoft & Mayo Clinic Team Up to Build a Healthcare-Specific AI Model")) {
                    sawHeadline = true;
                    assertThat(text).contains("AI News via Google News").contains("[AI Whole Tech]");
                }
            }
            assertThat(sawHeadline).isTrue();
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
