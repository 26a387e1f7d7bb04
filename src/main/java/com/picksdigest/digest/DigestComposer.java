package com.picksdigest.digest;

import com.picksdigest.config.MailConfig;
import com.picksdigest.i18n.Catalogues;
import com.picksdigest.i18n.Messages;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;

/** Turns selected picks into the model one subscriber's digest is rendered from. */
public final class DigestComposer {
    static final int SUBJECT_MAX = 120;
    private final MailConfig mail;
    private final Catalogues catalogues;
    private final NoteSource notes;

    public DigestComposer(MailConfig mail, Catalogues catalogues, NoteSource notes) {
        this.mail = mail;
        this.catalogues = catalogues;
        this.notes = notes;
    }

    public record Recipient(String name, String timezone, String locale, String token) {}

    public DigestModel compose(LocalDate editionDate, List<SelectedPick> picks, Recipient r) {
        Locale locale = Locale.forLanguageTag(r.locale());
        Messages t = catalogues.of(r.locale());
        ZoneId zone = zone(r.timezone());
        DateTimeFormatter dateFmt =
                DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale);
        DateTimeFormatter pickFmt = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(locale);
        String date = dateFmt.format(editionDate);
        List<DigestModel.PickView> views = picks.stream()
                .map(p -> new DigestModel.PickView(
                        p.title(),
                        p.url(),
                        p.summary(),
                        p.sourceName(),
                        p.sourceUrl(),
                        p.category(),
                        pickFmt.format(p.publishedAt().atOffset(ZoneOffset.UTC).atZoneSameInstant(zone)),
                        p.imageUrl()))
                .toList();
        String subject = subject(
                t.format("digest.subject", mail.siteName(), date, picks.get(0).title()));
        String preheader = picks.size() == 1
                ? picks.get(0).title()
                : t.format("digest.preheader", picks.get(0).title(), picks.size() - 1);
        return new DigestModel(
                mail.siteName(),
                mail.baseUrl().toString(),
                date,
                subject,
                preheader,
                r.name(),
                views,
                mail.link("/u/" + r.token()),
                mail.link("/prefs/" + r.token()),
                mail.link("/archive/" + editionDate),
                mail.link("/subscribe"),
                mail.postalAddress().orElse(null),
                notes.forDate(editionDate).orElse(null),
                t);
    }

    /** The subject ("Site · date: lead title" in English), cut on a word boundary so inboxes show it whole. */
    static String subject(String s) {
        if (s.length() <= SUBJECT_MAX) return s;
        String cut = s.substring(0, SUBJECT_MAX - 1);
        int space = cut.lastIndexOf(' ');
        if (space > SUBJECT_MAX / 2) cut = cut.substring(0, space);
        return cut.stripTrailing() + "…";
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (RuntimeException e) {
            return ZoneOffset.UTC;
        }
    }
}
