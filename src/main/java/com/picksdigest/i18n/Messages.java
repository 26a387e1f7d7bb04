package com.picksdigest.i18n;

import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.util.ULocale;
import com.picksdigest.config.ConfigException;
import freemarker.core.HTMLOutputFormat;
import freemarker.core.TemplateHTMLOutputModel;
import freemarker.template.SimpleScalar;
import freemarker.template.TemplateHashModel;
import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.utility.DeepUnwrap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * One language's messages, each an ICU MessageFormat pattern compiled on first use and kept: an edition renders many
 * digests, and none parses a pattern twice. Also the {@code t} of the templates: {@code ${t("digest.intro")}},
 * {@code ${t("digest.count", picks?size)}}, and {@code ${t.lang}}, {@code ${t.dir}}; in HTML, {@code t.html(key, ...)}
 * takes markup arguments ({@code "<b>"?no_esc + email + "</b>"?no_esc}) into an escaped message. Thread-safe.
 */
public final class Messages implements TemplateMethodModelEx, TemplateHashModel {
    /** Stands for the i-th markup argument while a message is escaped; private-use characters no message holds. */
    private static final char OPEN = '\uE000';

    private static final char CLOSE = '\uE001';

    private final String tag;
    private final ULocale locale;
    private final Map<String, String> own;
    private final Map<String, String> english;
    private final BiConsumer<String, String> missing;
    private final Map<String, MessageFormat> compiled = new ConcurrentHashMap<>();

    /**
     * @param own     this language's patterns by key
     * @param english the patterns used for a key this language lacks
     * @param missing told (language, key) each time a key falls back, to log it
     */
    Messages(String tag, Map<String, String> own, Map<String, String> english, BiConsumer<String, String> missing) {
        this.tag = tag;
        this.locale = ULocale.forLanguageTag(tag);
        this.own = own;
        this.english = english;
        this.missing = missing;
    }

    /**
     * Compiles every pattern of this language now, so a broken one (an operator's file) stops the start naming its
     * key, rather than failing a reader's digest in the middle of an edition.
     */
    void compileAll(String source) {
        for (Map.Entry<String, String> e : own.entrySet()) {
            try {
                compiled.put(e.getKey(), new MessageFormat(e.getValue(), locale));
            } catch (IllegalArgumentException bad) {
                throw new ConfigException(source + ", message \"" + e.getKey() + "\": not a valid ICU MessageFormat "
                        + "pattern (" + bad.getMessage() + ").");
            }
        }
    }

    /** The BCP 47 tag, for {@code lang=""}. */
    public String tag() {
        return tag;
    }

    /** "rtl" or "ltr", for {@code dir=""}. */
    public String dir() {
        return locale.isRightToLeft() ? "rtl" : "ltr";
    }

    /** The message for key with its arguments ({0}, {1}... in the pattern). */
    public String format(String key, Object... args) {
        MessageFormat f = compiled.computeIfAbsent(key, this::compile);
        // ICU's MessageFormat keeps state while it formats: one thread at a time per pattern.
        synchronized (f) {
            return f.format(args);
        }
    }

    private MessageFormat compile(String key) {
        String pattern = own.get(key);
        ULocale in = locale;
        if (pattern == null) {
            missing.accept(tag, key);
            pattern = english.get(key);
            in = ULocale.ENGLISH;
        }
        if (pattern == null) pattern = "'" + key.replace("'", "''") + "'";
        return new MessageFormat(pattern, in);
    }

    /** The message HTML-escaped, with its markup arguments inserted as they are and its text arguments escaped. */
    public String html(String key, Object... args) {
        Object[] slots = new Object[args.length];
        String[] markup = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof Number) {
                slots[i] = args[i];
            } else {
                slots[i] = OPEN + Integer.toString(i) + CLOSE;
                markup[i] = args[i] instanceof Markup m ? m.html() : escape(String.valueOf(args[i]));
            }
        }
        String escaped = escape(format(key, slots));
        if (escaped.indexOf(OPEN) < 0) return escaped;
        StringBuilder out = new StringBuilder(escaped.length() + 64);
        int at = 0;
        for (int open = escaped.indexOf(OPEN); open >= 0; open = escaped.indexOf(OPEN, at)) {
            int close = escaped.indexOf(CLOSE, open);
            out.append(escaped, at, open).append(markup[Integer.parseInt(escaped.substring(open + 1, close))]);
            at = close + 1;
        }
        return out.append(escaped, at, escaped.length()).toString();
    }

    /** Markup passed to {@link #html} as it is. */
    public record Markup(String html) {}

    /** As FreeMarker's HTML output format escapes: pages kept rendered fill their values in the same way. */
    public static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    @Override
    public TemplateModel get(String key) throws TemplateModelException {
        return switch (key) {
            case "lang" -> new SimpleScalar(tag);
            case "dir" -> new SimpleScalar(dir());
            case "html" ->
                (TemplateMethodModelEx) arguments -> {
                    Object[] args = arguments(arguments);
                    return HTMLOutputFormat.INSTANCE.fromMarkup(html(key(arguments), args));
                };
            default -> null;
        };
    }

    @Override
    public boolean isEmpty() {
        return false;
    }

    @Override
    public Object exec(@SuppressWarnings("rawtypes") List arguments) throws TemplateModelException {
        return format(key(arguments), arguments(arguments));
    }

    private static String key(List<?> arguments) throws TemplateModelException {
        if (arguments.isEmpty()) throw new TemplateModelException("t(key, ...) needs the message key");
        return String.valueOf(DeepUnwrap.unwrap((TemplateModel) arguments.get(0)));
    }

    private static Object[] arguments(List<?> arguments) throws TemplateModelException {
        Object[] args = new Object[Math.max(0, arguments.size() - 1)];
        for (int i = 1; i < arguments.size(); i++) {
            TemplateModel m = (TemplateModel) arguments.get(i);
            args[i - 1] = m instanceof TemplateHTMLOutputModel markup
                    ? new Markup(HTMLOutputFormat.INSTANCE.getMarkupString(markup))
                    : DeepUnwrap.unwrap(m);
        }
        return args;
    }
}
