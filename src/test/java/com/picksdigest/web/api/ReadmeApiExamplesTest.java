package com.picksdigest.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's API examples, run as written with the real curl against a test server on 127.0.0.1. */
class ReadmeApiExamplesTest {
    static ApiStack stack;
    static String key;

    @BeforeAll
    static void start() {
        stack = new ApiStack(ReadmeApiExamplesTest.class, 0, Map.of("PICKS_API_RATE_LIMIT", "100000"));
        stack.app.categories().add("News");
        key = stack.key("README", "picks:read", "picks:write", "subscribers:read", "subscribers:write", "reports:read");
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void everyShellExampleInTheApiSectionSucceedsAgainstARealServer(@TempDir Path dir) throws Exception {
        List<String> blocks = examples(Files.readString(Path.of("README.md"), StandardCharsets.UTF_8));
        assertThat(blocks).hasSizeGreaterThanOrEqualTo(5);
        String base = stack.url("");
        assertThat(base).startsWith("http://127.0.0.1:");
        for (String block : blocks) {
            ProcessBuilder pb = new ProcessBuilder("sh", "-e", "-c", block)
                    .directory(dir.toFile())
                    .redirectErrorStream(true);
            pb.environment().put("PICKS_URL", base);
            pb.environment().put("PICKS_KEY", key);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(block).isTrue();
            assertThat(p.exitValue()).as(block + "\n" + out).isZero();
        }
        // what the examples did is there: one pick, and an import with nothing refused
        assertThat(ApiStack.json(stack.get(key, "/api/v1/picks")).get("items")).hasSize(1);
        assertThat(ApiStack.json(stack.get(key, "/api/v1/subscribers/imports/1"))
                        .get("refused")
                        .asInt())
                .isZero();
    }

    @Test
    void anExampleThatTheServerRefusesFailsTheRun() throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(
                        "sh", "-e", "-c", "curl -fsS -H 'Authorization: Bearer wrong' \"$PICKS_URL/api/v1/picks\"")
                .redirectErrorStream(true);
        pb.environment().put("PICKS_URL", stack.url(""));
        Process run = pb.start();
        run.getInputStream().readAllBytes();
        assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(run.exitValue()).isEqualTo(22); // curl -f: the server answered 401
    }

    /** The ```sh blocks between "## API" and the next second-level heading. */
    static List<String> examples(String readme) {
        int start = readme.indexOf("\n## API\n");
        assertThat(start).isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        Matcher m = Pattern.compile("```sh\n(.*?)```", Pattern.DOTALL).matcher(section);
        List<String> out = new ArrayList<>();
        while (m.find()) out.add(m.group(1));
        return out;
    }
}
