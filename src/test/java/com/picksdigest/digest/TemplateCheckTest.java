package com.picksdigest.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.picksdigest.config.ConfigException;
import com.picksdigest.config.MailConfig;
import com.picksdigest.config.Settings;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check at start: every template parses, and the digest templates leave the per-subscriber values alone. */
class TemplateCheckTest {
    private static final Path SOURCES = Path.of("templates");

    private final DigestComposer composer = new DigestComposer(
            MailConfig.from(
                    Settings.of(Map.of("PICKS_SECRET", "s".repeat(40), "PICKS_BASE_URL", "https://picks.example.org"))),
            new com.picksdigest.i18n.Catalogues(java.util.Optional.empty()),
            com.picksdigest.digest.NoteSource.NONE);

    @TempDir
    Path dir;

    @Test
    void theBuiltInTemplatesPassAndEveryOneOfThemIsChecked() throws IOException {
        TemplateEngine engine = new TemplateEngine(Optional.empty());
        assertThatCode(() -> new TemplateCheck(engine, new DigestTemplates(engine), composer).run())
                .doesNotThrowAnyException();
        // the listing the check walks is the whole source directory: a new template cannot escape it
        assertThat(engine.names()).containsExactlyElementsOf(sourceTemplates()).contains("web/admin/layout.html.ftl");
    }

    @Test
    void aBrokenWebOverrideIsReportedWithItsFileAndLine() throws IOException {
        Path file = write("web/subscribe.html.ftl", "<#ftl output_format=\"HTML\">\n<h1>Hi</h1>\n<#if x>\nno end\n");

        assertThatThrownBy(() -> check(dir))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Template " + file + " (PICKS_TEMPLATES_DIR), line ")
                .hasMessageContaining("#if")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aBrokenWorkspaceOrIncludedOverrideIsReportedToo() throws IOException {
        Path layout = write("web/admin/layout.html.ftl", "<#macro page title>\n<p>${title</#macro>\n");
        assertThatThrownBy(() -> check(dir))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Template " + layout + " (PICKS_TEMPLATES_DIR), line 2, column ");
        Files.delete(layout);

        // a file of the operator's own that their templates include, not one the jar has
        Path extra = write("web/banner.html.ftl", "<p>ok</p>\n\n\n<#list items as i>\n");
        assertThatThrownBy(() -> check(dir))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Template " + extra + " (PICKS_TEMPLATES_DIR), line 4, column ")
                .hasMessageContaining("unclosed #list");
    }

    @Test
    void aBrokenEmailOverrideIsReportedWithItsFileAndLine() throws IOException {
        Path file = write("email/confirm.html.ftl", "<p>Hi</p>\n<p>${siteName?no_such_builtin}</p>\n");

        assertThatThrownBy(() -> check(dir))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Template " + file + " (PICKS_TEMPLATES_DIR), line 2, column ")
                .hasMessageContaining("no_such_builtin");
    }

    @Test
    void aDigestTemplateThatFailsWhenRenderedIsReportedWithItsLine() throws IOException {
        Path file = write("email/digest.txt.ftl", "${siteName}\n\n${noSuchVariable}\n");

        assertThatThrownBy(() -> check(dir))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Template " + file + " (PICKS_TEMPLATES_DIR), line 3, column 3:")
                .hasMessageContaining("noSuchVariable");
    }

    @Test
    void aDigestTemplateTransformingTheReadersNameIsRefused() throws IOException {
        for (String transformed : new String[] {
            "recipientName?upper_case)",
            "recipientName?cap_first)",
            "recipientName?truncate(40))",
            "recipientName?length)",
            "recipientName?replace(\"&\", \"and\"))"
        }) {
            // The greeting is a catalogue message: the name goes into it as an argument, printed as it is.
            Path file = override("email/digest.html.ftl", "recipientName)", transformed);
            assertThatThrownBy(() -> check(dir))
                    .as(transformed)
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("Template " + file + " (PICKS_TEMPLATES_DIR) transforms recipientName")
                    .hasMessageContaining("${recipientName}");
        }
        Path text = override("email/digest.txt.ftl", "recipientName)", "recipientName?lower_case)");
        Files.delete(dir.resolve("email/digest.html.ftl"));
        assertThatThrownBy(() -> check(dir))
                .hasMessageContaining(text + " (PICKS_TEMPLATES_DIR) transforms recipientName");
    }

    @Test
    void aDigestTemplateTransformingTheReadersLinksIsRefused() throws IOException {
        for (String[] change : new String[][] {
            {"email/digest.html.ftl", "${unsubscribeUrl}", "${unsubscribeUrl?url}"},
            {"email/digest.html.ftl", "${preferencesUrl}", "${preferencesUrl?upper_case}"},
            {"email/digest.txt.ftl", "${unsubscribeUrl}", "${unsubscribeUrl?truncate(50)}"},
            {"email/digest.txt.ftl", "${preferencesUrl}", "${preferencesUrl?keep_before_last(\".\")}"}
        }) {
            Path file = override(change[0], change[1], change[2]);
            assertThatThrownBy(() -> check(dir))
                    .as(change[2])
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith(
                            "Template " + file + " (PICKS_TEMPLATES_DIR) transforms unsubscribeUrl or preferencesUrl");
            Files.delete(file);
        }
    }

    @Test
    void otherValuesMayBeTransformedFreely() throws IOException {
        override("email/digest.html.ftl", "${siteName}</a>", "${siteName?upper_case}</a>");
        override("email/digest.txt.ftl", "${pick.title}", "${pick.title?truncate(20)?lower_case}");

        assertThatCode(() -> check(dir)).doesNotThrowAnyException();
    }

    @Test
    void theBuiltInTemplatesAreListedFromAJarToo() throws IOException {
        Path jar = dir.resolve("app.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String name : new String[] {
                "templates/email/digest.html.ftl",
                "templates/email/palette.html.ftl",
                "templates/web/admin/layout.html.ftl",
                "templates/web/readme.txt",
                "other/x.ftl"
            }) {
                out.putNextEntry(new JarEntry(name));
                out.write("x".getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            assertThat(TemplateEngine.builtInNames(loader))
                    .containsExactly("email/digest.html.ftl", "email/palette.html.ftl", "web/admin/layout.html.ftl");
        }
    }

    private void check(Path templatesDir) {
        TemplateEngine engine = new TemplateEngine(Optional.of(templatesDir));
        new TemplateCheck(engine, new DigestTemplates(engine), composer).run();
    }

    /** Copies the built-in template into the override directory with one piece of it replaced. */
    private Path override(String name, String from, String to) throws IOException {
        String builtIn = Files.readString(SOURCES.resolve(name));
        assertThat(builtIn).contains(from);
        return write(name, builtIn.replace(from, to));
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    private static Set<String> sourceTemplates() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(p -> p.toString().endsWith(".ftl"))
                    .map(p -> SOURCES.relativize(p).toString().replace('\\', '/'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
