package com.picksdigest.digest;

import freemarker.cache.ClassTemplateLoader;
import freemarker.cache.ConditionalTemplateConfigurationFactory;
import freemarker.cache.FileNameGlobMatcher;
import freemarker.cache.FileTemplateLoader;
import freemarker.cache.FirstMatchTemplateConfigurationFactory;
import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.core.HTMLOutputFormat;
import freemarker.core.OutputFormat;
import freemarker.core.ParseException;
import freemarker.core.PlainTextOutputFormat;
import freemarker.core.TemplateClassResolver;
import freemarker.core.TemplateConfiguration;
import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapperBuilder;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The one FreeMarker setup of the application, shared by the e-mail templates ({@link DigestTemplates}, under
 * "email/") and the web pages (under "web/"). Thread-safe: the configuration is complete when the constructor
 * returns and never changes afterwards.
 *
 * <p>Templates come from the operator's directory when one is given, else (and for every file missing there) from
 * the classpath under "templates/". {@code *.html.ftl} files are HTML with auto-escaping even without an
 * {@code <#ftl>} header; {@code *.txt.ftl} files are plain text.
 */
public final class TemplateEngine {

    private static final String ROOT = "templates";
    /** A built-in template the application cannot do without; where it is, the others are. */
    private static final String MARKER = "email/digest.html.ftl";

    private final Configuration cfg;
    private final Optional<Path> templatesDir;

    public TemplateEngine(Optional<Path> templatesDir) {
        this.templatesDir = templatesDir;
        Configuration c = new Configuration(Configuration.VERSION_2_3_35);
        c.setTemplateLoader(loader(templatesDir));
        c.setDefaultEncoding("UTF-8");
        c.setOutputEncoding("UTF-8");
        c.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        c.setLogTemplateExceptions(false);
        c.setWrapUncheckedExceptions(true);
        c.setFallbackOnNullLoopVariable(false);
        c.setRecognizeStandardFileExtensions(true);
        // Incompatible improvements 2.3.33+ make the wrapper expose record components as properties (model.siteName).
        c.setObjectWrapper(new DefaultObjectWrapperBuilder(Configuration.VERSION_2_3_35).build());
        // No digest_en_US.ftl variants: one lookup per template, and no surprise file winning over the one edited.
        c.setLocalizedLookup(false);
        // Templates in PICKS_TEMPLATES_DIR are edited by operators: they must not instantiate Java classes.
        c.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        // Auto-escaping is chosen by file name too, so a future *.html.ftl that forgets its <#ftl> header still
        // escapes.
        c.setTemplateConfigurations(new FirstMatchTemplateConfigurationFactory(
                        byFileName("*.html.ftl", HTMLOutputFormat.INSTANCE),
                        byFileName("*.txt.ftl", PlainTextOutputFormat.INSTANCE))
                .allowNoMatch(true));
        // Loaded once per process: every mail of an edition uses the template that check() validated, never a file
        // half-edited in the middle of a run. Restart to pick up a restyle.
        c.setTemplateUpdateDelayMilliseconds(Long.MAX_VALUE);
        this.cfg = c;
    }

    /** Renders the template at {@code path} (relative to the templates root, e.g. "web/error.html.ftl"). */
    public String render(String path, Object model) {
        return process(load(path), model);
    }

    /** Loads and parses a template; throws TemplateFailure naming the template and line on a syntax error. */
    public void check(String path) {
        load(path);
    }

    /**
     * Parses every template the application can load: the built-in set and every {@code .ftl} file in the templates
     * directory, each from the directory when it has it, else from the jar. Throws TemplateFailure naming the template
     * and the line of the first error, so a broken override stops the start rather than its first request. Parsing
     * does not run a template: an unknown variable shows only when it is rendered.
     */
    public void checkAll() {
        for (String name : names()) {
            check(name);
        }
    }

    /** The names of every template the application can load, sorted: the built-in ones and the operator's. */
    public SortedSet<String> names() {
        SortedSet<String> names = new TreeSet<>(builtInNames(TemplateEngine.class.getClassLoader()));
        templatesDir.ifPresent(dir -> names.addAll(templateFiles(dir)));
        return names;
    }

    /** The operator's file for this template, when the templates directory has one (it then wins over the jar's). */
    public Optional<Path> overrideFile(String name) {
        return templatesDir.map(dir -> dir.resolve(name)).filter(Files::isRegularFile);
    }

    private Template load(String name) {
        try {
            return cfg.getTemplate(name);
        } catch (ParseException e) {
            String source = e.getTemplateName() != null ? e.getTemplateName() : name;
            throw new TemplateFailure(
                    source, where(source, e.getLineNumber(), e.getColumnNumber()) + e.getEditorMessage(), e);
        } catch (IOException e) {
            throw new TemplateFailure(name, "Template " + name + ": " + e.getMessage(), e);
        }
    }

    private static String process(Template template, Object model) {
        StringWriter out = new StringWriter(16 * 1024);
        try {
            template.process(model, out);
        } catch (TemplateException e) {
            String source = e.getTemplateSourceName() != null ? e.getTemplateSourceName() : template.getName();
            throw new TemplateFailure(
                    source, where(source, e.getLineNumber(), e.getColumnNumber()) + e.getMessageWithoutStackTop(), e);
        } catch (IOException e) {
            throw new TemplateFailure(
                    template.getName(),
                    "Template " + template.getName() + ": " + e.getMessage(),
                    e); // StringWriter: never
        }
        return out.toString();
    }

    /**
     * The built-in templates: every {@code .ftl} file under "templates/" of the class path, found from one that must
     * be there, in a directory (tests, IDE) or in the jar. Listed rather than named in code, so a template added to the
     * jar is checked without anyone remembering to add it to a list.
     */
    static SortedSet<String> builtInNames(ClassLoader loader) {
        URL marker = loader.getResource(ROOT + "/" + MARKER);
        if (marker == null) {
            throw new IllegalStateException("The built-in templates are missing: no " + ROOT + "/" + MARKER);
        }
        try {
            if (marker.getProtocol().equals("jar")) {
                String spec = marker.toURI().getRawSchemeSpecificPart();
                Path jar = Path.of(URI.create(spec.substring(0, spec.indexOf("!/"))));
                try (FileSystem fs = FileSystems.newFileSystem(jar)) {
                    return templateFiles(fs.getPath("/" + ROOT));
                }
            }
            return templateFiles(Path.of(marker.toURI()).getParent().getParent());
        } catch (IOException | URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("The built-in templates cannot be listed from " + marker + ": " + e, e);
        }
    }

    /** Every .ftl file under root, as template names ("web/admin/layout.html.ftl"). */
    private static SortedSet<String> templateFiles(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".ftl") && Files.isRegularFile(p))
                    .map(p -> root.relativize(p)
                            .toString()
                            .replace(root.getFileSystem().getSeparator(), "/"))
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException("Templates under " + root + " cannot be listed: " + e.getMessage(), e);
        }
    }

    private static String where(String source, Integer line, Integer column) {
        StringBuilder s = new StringBuilder("Template ").append(source);
        if (line != null) {
            s.append(", line ").append(line);
            if (column != null) {
                s.append(", column ").append(column);
            }
        }
        return s.append(": ").toString();
    }

    private static TemplateLoader loader(Optional<Path> templatesDir) {
        TemplateLoader builtIn = new ClassTemplateLoader(TemplateEngine.class.getClassLoader(), ROOT);
        if (templatesDir.isEmpty()) {
            return builtIn;
        }
        try {
            return new MultiTemplateLoader(new TemplateLoader[] {
                new FileTemplateLoader(templatesDir.get().toFile()), builtIn
            });
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "Templates directory " + templatesDir.get() + " cannot be used: " + e.getMessage(), e);
        }
    }

    private static ConditionalTemplateConfigurationFactory byFileName(String glob, OutputFormat format) {
        TemplateConfiguration tc = new TemplateConfiguration();
        tc.setOutputFormat(format);
        return new ConditionalTemplateConfigurationFactory(new FileNameGlobMatcher(glob), tc);
    }
}
