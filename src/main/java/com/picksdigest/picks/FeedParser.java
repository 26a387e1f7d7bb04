package com.picksdigest.picks;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** RSS 0.9x/1.0/2.0 and Atom through Rome (which refuses DOCTYPEs, so no external entities are ever read). */
final class FeedParser {
    /** A feed Rome cannot read; the message says why in one line. */
    static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    private FeedParser() {}

    static FeedContent parse(byte[] body, String contentType) throws Unreadable {
        SyndFeed feed;
        try (XmlReader reader = new XmlReader(new ByteArrayInputStream(body), contentType, true)) {
            feed = new SyndFeedInput().build(reader);
        } catch (FeedException | IOException | IllegalArgumentException e) {
            // the parser's message may quote the document, which is the server's and not a feed: size only
            throw new Unreadable("not a readable RSS or Atom feed (" + body.length + " bytes)");
        }
        String feedTitle = FeedText.fold(feed.getTitle());
        List<FeedContent.Item> items = new ArrayList<>();
        for (SyndEntry e : feed.getEntries()) {
            SyndFeed source = e.getSource();
            String sourceName = source != null ? FeedText.fold(source.getTitle()) : null;
            String sourceUrl = source != null ? source.getLink() : null;
            items.add(new FeedContent.Item(
                    title(e),
                    link(e),
                    summary(e),
                    sourceName != null ? sourceName : feedTitle,
                    sourceName != null ? sourceUrl : feed.getLink()));
        }
        return new FeedContent(feedTitle, items);
    }

    private static String title(SyndEntry e) {
        SyndContent t = e.getTitleEx();
        boolean html = t != null
                && t.getType() != null
                && t.getType().toLowerCase(Locale.ROOT).contains("html");
        return html ? FeedText.plain(e.getTitle()) : FeedText.fold(e.getTitle());
    }

    private static String link(SyndEntry e) {
        if (e.getLink() != null && !e.getLink().isBlank()) return e.getLink().strip();
        for (SyndLink l : e.getLinks()) {
            if (l.getHref() != null && (l.getRel() == null || l.getRel().equals("alternate")))
                return l.getHref().strip();
        }
        String uri = e.getUri();
        return uri != null && uri.matches("(?i)https?://.*") ? uri.strip() : null;
    }

    private static String summary(SyndEntry e) {
        SyndContent c = e.getDescription();
        if (c == null && !e.getContents().isEmpty()) c = e.getContents().get(0);
        if (c == null || c.getValue() == null) return null;
        boolean text = c.getType() != null && c.getType().equalsIgnoreCase("text");
        return text ? FeedText.fold(c.getValue()) : FeedText.plain(c.getValue());
    }
}
