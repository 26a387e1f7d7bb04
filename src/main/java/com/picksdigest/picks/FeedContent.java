package com.picksdigest.picks;

import java.util.List;

/** What a feed said, as plain text ready to become candidates. */
record FeedContent(String title, List<Item> items) {

    /** @param link as the feed gave it (checked when the candidate is made); other fields may be null */
    record Item(String title, String link, String summary, String sourceName, String sourceUrl) {}
}
