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
import java.nio.file.Path;
import java.util.Optional;

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

    private final Configuration cfg;

    public TemplateEngine(Optional<Path> templatesDir) {
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

    private Template load(String name) {
        try {
            return cfg.getTemplate(name);
        } catch (ParseException e) {
            throw new TemplateFailure(
                    where(e.getTemplateName(), name, e.getLineNumber(), e.getColumnNumber()) + e.getEditorMessage(), e);
        } catch (IOException e) {
            throw new TemplateFailure("Template " + name + ": " + e.getMessage(), e);
        }
    }

    private static String process(Template template, Object model) {
        StringWriter out = new StringWriter(16 * 1024);
        try {
            template.process(model, out);
        } catch (TemplateException e) {
            throw new TemplateFailure(
                    where(e.getTemplateSourceName(), template.getName(), e.getLineNumber(), e.getColumnNumber())
                            + e.getMessageWithoutStackTop(),
                    e);
        } catch (IOException e) {
            throw new TemplateFailure(
                    "Template " + template.getName() + ": " + e.getMessage(), e); // StringWriter: never
        }
        return out.toString();
    }

    private static String where(String source, String name, Integer line, Integer column) {
        StringBuilder s = new StringBuilder("Template ").append(source != null ? source : name);
        if (line != null) {
            s.append(", line ").append(line);
            if (column != null) {
                s.append(", column ").append(column);
            }
        }
        return s.append(": ").toString();
    }

    private static TemplateLoader loader(Optional<Path> templatesDir) {
        TemplateLoader builtIn = new ClassTemplateLoader(TemplateEngine.class.getClassLoader(), "templates");
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
