package com.picksdigest.digest;

import com.picksdigest.common.HttpLinks;
import com.picksdigest.i18n.Messages;
import java.util.List;

/**
 * Everything a digest template sees. Strings are raw (unescaped): the HTML template escapes them through
 * FreeMarker's auto-escaping, the text template prints them as they are.
 *
 * @param siteName        e.g. "Picks Digest"
 * @param siteUrl         the public base URL, no trailing slash
 * @param editionDate     the edition's date, already formatted in the subscriber's locale (e.g. "November 25, 2026")
 * @param subject         the e-mail subject line
 * @param preheader       one line shown by inboxes after the subject; hidden in the HTML body
 * @param recipientName   the subscriber's name, or null when unknown
 * @param picks           in the order they are to appear, at least one
 * @param unsubscribeUrl  /u/{token}
 * @param preferencesUrl  /prefs/{token}
 * @param archiveUrl      /archive/{date} ("view in browser")
 * @param subscribeUrl    /subscribe, for whoever reads a forwarded copy
 * @param postalAddress   the sender's postal address for the footer, or null when not configured
 * @param note            the editor's note for this edition date, or null when there is none
 * @param t               the reader's language: {@code ${t("digest.intro")}}, {@code ${t.lang}}, {@code ${t.dir}}
 */
public record DigestModel(
        String siteName,
        String siteUrl,
        String editionDate,
        String subject,
        String preheader,
        String recipientName,
        List<PickView> picks,
        String unsubscribeUrl,
        String preferencesUrl,
        String archiveUrl,
        String subscribeUrl,
        String postalAddress,
        NoteView note,
        Messages t) {

    /** The same digest with another editor's note (the workspace's preview of an unsaved note). */
    public DigestModel withNote(NoteView n) {
        return new DigestModel(
                siteName,
                siteUrl,
                editionDate,
                subject,
                preheader,
                recipientName,
                picks,
                unsubscribeUrl,
                preferencesUrl,
                archiveUrl,
                subscribeUrl,
                postalAddress,
                n,
                t);
    }

    /** The same digest under another subject (the workspace's test sends). */
    public DigestModel withSubject(String s) {
        return new DigestModel(
                siteName,
                siteUrl,
                editionDate,
                s,
                preheader,
                recipientName,
                picks,
                unsubscribeUrl,
                preferencesUrl,
                archiveUrl,
                subscribeUrl,
                postalAddress,
                note,
                t);
    }

    /**
     * The editor's note, rendered from Markdown.
     *
     * @param html safe HTML (raw HTML escaped, links only http(s) and mailto), printed as it is by the HTML template
     * @param text the same as plain text for the text part
     */
    public record NoteView(String html, String text) {}

    /**
     * One pick as shown.
     *
     * @param published date and time formatted in the subscriber's time zone and locale (e.g. "Nov 25, 2026, 9:30 AM")
     * @param url        the pick's link, or null when it is not an http(s) URL (it is then shown without one)
     * @param sourceName may be null; sourceUrl and imageUrl may be null, and are null unless http(s)
     */
    public record PickView(
            String title,
            String url,
            String summary,
            String sourceName,
            String sourceUrl,
            String category,
            String published,
            String imageUrl) {
        public PickView {
            url = HttpLinks.orNull(url);
            sourceUrl = HttpLinks.orNull(sourceUrl);
            imageUrl = HttpLinks.orNull(imageUrl);
        }
    }
}
