package com.picksdigest.web;

import static com.picksdigest.db.generated.Tables.CATEGORIES;
import static com.picksdigest.db.generated.Tables.DELIVERIES;
import static com.picksdigest.db.generated.Tables.DIGEST_PICKS;
import static com.picksdigest.db.generated.Tables.EDITIONS;
import static com.picksdigest.db.generated.Tables.PICKS;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.picksdigest.common.HttpLinks;
import com.picksdigest.db.types.DeliveryStatus;
import com.picksdigest.db.types.PickStatus;
import com.rometools.rome.feed.atom.Content;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.atom.Person;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;
import io.javalin.http.Context;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * The public archive: /archive lists the editions that went out to at least one reader; /archive/{date} shows the
 * picks that edition carried (every pick sent in it to anyone, once), which is what the digest's "View in browser"
 * link opens. Retracted picks are left out. Pages are public and the same for everyone, so they are cached here
 * for a few minutes (an edition keeps growing while it is sent across time zones) and may be cached by browsers. The
 * index is kept rendered for a minute: it changes once a day, when an edition's first digest goes out, and without
 * this every visit cost a query and a render (the most of a request's time in a JFR profile under wrk).
 */
final class ArchivePage {
    static final int MAX_EDITIONS = 1000;
    private static final Duration TTL = Duration.ofMinutes(5);
    private static final int CACHE_SIZE = 64;
    static final Duration INDEX_TTL = Duration.ofMinutes(1);
    /** The feed's entry titles: a feed has no reader's language. */
    static final DateTimeFormatter LONG_DATE = DateTimeFormatter.ofPattern("EEEE, MMMM d, uuuu", Locale.ENGLISH);

    /** Entries in /archive.atom: the newest editions, as feed readers poll often and keep what they saw. */
    static final int FEED_ENTRIES = 30;

    private final DSLContext db;
    private final Pages pages;
    private final String siteName;
    private final String baseUrl;
    private final Cache<LocalDate, List<Map<String, Object>>> cache;
    private final Cache<String, String> index;

    /** @param baseUrl the public URL, no trailing slash: feeds and canonical links need absolute URLs */
    ArchivePage(DSLContext db, Pages pages, String siteName, String baseUrl, Clock clock) {
        this.db = db;
        this.pages = pages;
        this.siteName = siteName;
        this.baseUrl = baseUrl;
        this.cache = Caffeine.newBuilder()
                .maximumSize(CACHE_SIZE)
                .expireAfterWrite(TTL)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis())) // ages by the injected clock
                .build();
        this.index = Caffeine.newBuilder()
                .maximumSize(64)
                .expireAfterWrite(INDEX_TTL)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .build();
    }

    void index(Context ctx) {
        String html = index.get(pages.language(ctx), this::renderIndex);
        ctx.header("Vary", "Accept-Language");
        ctx.header("Cache-Control", "public, max-age=300");
        Pages.send(ctx, 200, html);
    }

    private String renderIndex(String language) {
        List<Map<String, Object>> editions = new ArrayList<>();
        for (LocalDate d : db.select(EDITIONS.EDITION_DATE)
                .from(EDITIONS)
                .whereExists(DSL.selectOne()
                        .from(DELIVERIES)
                        .where(DELIVERIES.EDITION_ID.eq(EDITIONS.ID))
                        .and(DELIVERIES.STATUS.eq(DeliveryStatus.SENT)))
                .orderBy(EDITIONS.EDITION_DATE.desc())
                .limit(MAX_EDITIONS)
                .fetch(EDITIONS.EDITION_DATE)) {
            editions.add(Map.of("url", pages.path("/archive/" + d), "label", Pages.longDate(d, language)));
        }
        return pages.html(
                "archive-index.html.ftl",
                Map.of(
                        "editions",
                        editions,
                        "canonicalUrl",
                        baseUrl + "/archive",
                        "feedUrl",
                        baseUrl + "/archive.atom",
                        "chooseLanguage",
                        true),
                language);
    }

    /**
     * /archive.atom: one entry per edition that went out (the newest {@link #FEED_ENTRIES}), written by Rome's Atom
     * 1.0 generator. Ids are tag: URIs (RFC 4151) made of the site's host and the edition's date, so they never change
     * and differ between editions; an entry is updated when the last digest of its edition was sent.
     */
    void atom(Context ctx) {
        Field<LocalDateTime> first = DSL.min(DELIVERIES.SENT_AT).as("first_sent");
        Field<LocalDateTime> last = DSL.max(DELIVERIES.SENT_AT).as("last_sent");
        var rows = db.select(EDITIONS.EDITION_DATE, first, last)
                .from(EDITIONS)
                .join(DELIVERIES)
                .on(DELIVERIES.EDITION_ID.eq(EDITIONS.ID))
                .where(DELIVERIES.STATUS.eq(DeliveryStatus.SENT))
                .groupBy(EDITIONS.EDITION_DATE)
                .orderBy(EDITIONS.EDITION_DATE.desc())
                .limit(FEED_ENTRIES)
                .fetch();
        String host = URI.create(baseUrl).getHost();
        Feed feed = new Feed("atom_1.0");
        feed.setId("tag:" + host + ",2026:archive");
        feed.setTitle(siteName);
        feed.setAlternateLinks(List.of(link("alternate", baseUrl + "/archive", "text/html")));
        feed.setOtherLinks(List.of(link("self", baseUrl + "/archive.atom", "application/atom+xml")));
        Person author = new Person();
        author.setName(siteName);
        author.setUri(baseUrl);
        feed.setAuthors(List.of(author));
        List<Entry> entries = new ArrayList<>();
        Date updated = new Date(0);
        for (var r : rows) {
            LocalDate date = r.get(EDITIONS.EDITION_DATE);
            Date lastSent = utc(r.get(last));
            if (lastSent.after(updated)) updated = lastSent;
            Entry e = new Entry();
            e.setId("tag:" + host + "," + date + ":edition");
            e.setTitle(LONG_DATE.format(date));
            e.setPublished(utc(r.get(first)));
            e.setUpdated(lastSent);
            e.setAlternateLinks(List.of(link("alternate", baseUrl + "/archive/" + date, "text/html")));
            Content summary = new Content();
            summary.setType(Content.TEXT);
            StringBuilder titles = new StringBuilder();
            for (Map<String, Object> p : picks(date)) {
                if (!titles.isEmpty()) titles.append(" · ");
                titles.append(p.get("title"));
            }
            summary.setValue(titles.toString());
            e.setSummary(summary);
            entries.add(e);
        }
        feed.setUpdated(updated);
        feed.setEntries(entries);
        String xml;
        try {
            xml = new WireFeedOutput().outputString(feed);
        } catch (FeedException e) {
            throw new IllegalStateException("the archive feed could not be written: " + e.getMessage(), e);
        }
        ctx.header("Cache-Control", "public, max-age=300");
        ctx.contentType("application/atom+xml; charset=utf-8").result(xml);
    }

    private static Link link(String rel, String href, String type) {
        Link l = new Link();
        l.setRel(rel);
        l.setHref(href);
        l.setType(type);
        return l;
    }

    private static Date utc(LocalDateTime t) {
        return Date.from(t.toInstant(ZoneOffset.UTC));
    }

    void edition(Context ctx) {
        LocalDate date = parse(ctx.pathParam("date"));
        List<Map<String, Object>> picks = picks(date);
        if (picks.isEmpty()) throw WebError.notFound();
        ctx.header("Cache-Control", "public, max-age=300");
        StringBuilder description = new StringBuilder();
        for (Map<String, Object> p : picks) {
            if (description.length() > 200) break;
            if (!description.isEmpty()) description.append(" · ");
            description.append(p.get("title"));
        }
        String language = pages.language(ctx);
        ctx.header("Vary", "Accept-Language");
        pages.render(
                ctx,
                200,
                "archive.html.ftl",
                Map.of(
                        "locale",
                        language,
                        "chooseLanguage",
                        true,
                        "date",
                        Pages.longDate(date, language),
                        "picks",
                        picks,
                        "canonicalUrl",
                        baseUrl + "/archive/" + date,
                        "feedUrl",
                        baseUrl + "/archive.atom",
                        "description",
                        description.toString()));
    }

    private List<Map<String, Object>> picks(LocalDate date) {
        // An unknown date is not kept (null): it costs one index lookup, and caching it would only hide a new edition.
        List<Map<String, Object>> picks = cache.get(date, d -> {
            List<Map<String, Object>> loaded = load(d);
            return loaded.isEmpty() ? null : loaded;
        });
        return picks == null ? List.of() : picks;
    }

    /** Distinct picks of the edition's sent deliveries, in the order the digests showed them, newest first on ties. */
    private List<Map<String, Object>> load(LocalDate date) {
        Field<Integer> pos = DSL.min(DIGEST_PICKS.POSITION).as("pos");
        var sent = DSL.select(DIGEST_PICKS.PICK_ID, pos)
                .from(DIGEST_PICKS)
                .join(DELIVERIES)
                .on(DELIVERIES.DIGEST_ID.eq(DIGEST_PICKS.DIGEST_ID))
                .join(EDITIONS)
                .on(EDITIONS.ID.eq(DELIVERIES.EDITION_ID))
                .where(EDITIONS.EDITION_DATE.eq(date))
                .and(DELIVERIES.STATUS.eq(DeliveryStatus.SENT))
                .groupBy(DIGEST_PICKS.PICK_ID)
                .asTable("sent");
        Field<Long> sentPick = sent.field(DIGEST_PICKS.PICK_ID);
        Field<Integer> sentPos = sent.field(pos);
        List<Map<String, Object>> out = new ArrayList<>();
        db.select(PICKS.TITLE, PICKS.URL, PICKS.SUMMARY, PICKS.SOURCE_NAME, PICKS.SOURCE_URL, CATEGORIES.NAME)
                .from(sent)
                .join(PICKS)
                .on(PICKS.ID.eq(sentPick))
                .join(CATEGORIES)
                .on(CATEGORIES.ID.eq(PICKS.CATEGORY_ID))
                .where(PICKS.STATUS.ne(PickStatus.RETRACTED))
                .orderBy(sentPos, PICKS.PUBLISHED_AT.desc(), PICKS.ID.desc())
                .forEach(r -> {
                    Map<String, Object> p = new LinkedHashMap<>();
                    p.put("title", r.get(PICKS.TITLE));
                    p.put("url", httpOnly(r.get(PICKS.URL)));
                    p.put("category", r.get(CATEGORIES.NAME));
                    p.put("summary", r.get(PICKS.SUMMARY) == null ? "" : r.get(PICKS.SUMMARY));
                    p.put("source", r.get(PICKS.SOURCE_NAME) == null ? "" : r.get(PICKS.SOURCE_NAME));
                    p.put("sourceUrl", httpOnly(r.get(PICKS.SOURCE_URL)));
                    out.add(Map.copyOf(p));
                });
        return List.copyOf(out);
    }

    /** "" means no link: see {@link HttpLinks}. */
    private static String httpOnly(String url) {
        return Objects.requireNonNullElse(HttpLinks.orNull(url), "");
    }

    private static LocalDate parse(String raw) {
        if (raw == null || !raw.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) throw WebError.notFound();
        try {
            return LocalDate.parse(raw);
        } catch (DateTimeParseException e) {
            throw WebError.notFound();
        }
    }
}
