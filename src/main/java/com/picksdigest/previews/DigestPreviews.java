package com.picksdigest.previews;

import com.picksdigest.config.MailConfig;
import com.picksdigest.db.generated.tables.records.CategoriesRecord;
import com.picksdigest.db.generated.tables.records.SubscribersRecord;
import com.picksdigest.db.types.Frequency;
import com.picksdigest.delivery.DigestMessage;
import com.picksdigest.digest.DigestComposer;
import com.picksdigest.digest.DigestModel;
import com.picksdigest.digest.DigestPlanner;
import com.picksdigest.digest.DigestTemplates;
import com.picksdigest.digest.SelectedPick;
import com.picksdigest.mail.Envelope;
import com.picksdigest.mail.Messenger;
import com.picksdigest.mail.SendResult;
import com.picksdigest.picks.Categories;
import com.picksdigest.subscribers.SubscriberService;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The next digest as a chosen subscriber would get it now (or as a new subscriber following some categories),
 * made by the same planner, composer and templates as the real sends, and the test send of it. The preview page
 * and the API's editions routes both call this, so a preview means the same thing in both.
 *
 * <p>Previews carry a dummy link token: their unsubscribe and preference links lead to the "not valid" page, so a
 * test message can never act on a subscriber.
 */
public final class DigestPreviews {
    public static final String DUMMY_TOKEN = "preview";

    private final SubscriberService subscribers;
    private final Categories categories;
    private final DigestPlanner planner;
    private final DigestComposer composer;
    private final DigestTemplates templates;
    private final DigestMessage messages;
    private final Messenger messenger;
    private final MailConfig mail;
    private final ZoneId editorZone;
    private final Clock clock;

    public DigestPreviews(
            SubscriberService subscribers,
            Categories categories,
            DigestPlanner planner,
            DigestComposer composer,
            DigestTemplates templates,
            DigestMessage messages,
            Messenger messenger,
            MailConfig mail,
            ZoneId editorZone,
            Clock clock) {
        this.subscribers = subscribers;
        this.categories = categories;
        this.planner = planner;
        this.composer = composer;
        this.templates = templates;
        this.messages = messages;
        this.messenger = messenger;
        this.mail = mail;
        this.editorZone = editorZone;
        this.clock = clock;
    }

    /** Who a preview is for: a subscriber's address, or (when null) a new reader of these category slugs. */
    public record Target(String email, Set<String> categorySlugs) {}

    /**
     * @param model  null when no e-mail would go out now; then {@code reason} says why
     * @param picks  what the digest carries, in order
     */
    public record Preview(String description, DigestModel model, List<SelectedPick> picks, String reason) {
        public boolean empty() {
            return model == null;
        }
    }

    /** A rendered preview: what the recipient's mail client would show. */
    public record Rendered(String subject, String text, String html) {}

    public Preview preview(Target t) {
        DigestPlanner.Cut cut = planner.cutNow();
        if (t.email() != null) {
            SubscribersRecord s = subscribers.findByEmail(t.email());
            if (s == null) return new Preview("", null, List.of(), "No subscriber has the address " + t.email() + ".");
            List<SelectedPick> picks = planner.next(
                    new DigestPlanner.Reader(
                            s.getId(),
                            DigestPlanner.seen(s.getWatermarkSeq(), s.getWatermark()),
                            s.getFrequency() == Frequency.WEEKLY),
                    cut);
            String who = "the next digest of " + s.getEmail() + " (" + s.getStatus() + ", " + s.getFrequency() + ")";
            if (picks.isEmpty())
                return new Preview(
                        who, null, picks, "Nothing new since their last digest: no e-mail would go out now.");
            ZoneId zone = zone(s.getTimezone());
            return new Preview(
                    who,
                    composer.compose(
                            LocalDate.now(clock.withZone(zone)),
                            picks,
                            new DigestComposer.Recipient(s.getName(), s.getTimezone(), s.getLocale(), DUMMY_TOKEN)),
                    picks,
                    null);
        }
        Set<Integer> ids = new LinkedHashSet<>();
        List<String> names = new ArrayList<>();
        for (CategoriesRecord c : categories.active()) {
            if (t.categorySlugs().contains(c.getSlug())) {
                ids.add(c.getId());
                names.add(c.getName());
            }
        }
        String who =
                "a new daily subscriber following " + (names.isEmpty() ? "every category" : String.join(", ", names));
        List<SelectedPick> picks = planner.forNewReader(ids, false, cut);
        if (picks.isEmpty())
            return new Preview(who, null, picks, "Nothing published in the last 24 hours for these categories.");
        return new Preview(
                who,
                composer.compose(
                        LocalDate.now(clock.withZone(editorZone)),
                        picks,
                        new DigestComposer.Recipient(null, editorZone.getId(), "en", DUMMY_TOKEN)),
                picks,
                null);
    }

    public Rendered render(DigestModel m) {
        return new Rendered(m.subject(), templates.renderText(m), templates.renderHtml(m));
    }

    /**
     * Sends a non-empty preview, subject marked "[Test]", to one address.
     *
     * @return the relay's answer; a message that cannot be built is an {@link IllegalStateException}
     */
    public SendResult sendTest(Preview p, String toEmail, String toName) {
        DigestModel test = p.model().withSubject("[Test] " + p.model().subject());
        try {
            MimeMessage message = messages.build(
                    toEmail, toName, DUMMY_TOKEN, test, templates.renderText(test), templates.renderHtml(test));
            return messenger.send(message, new Envelope(mail.from().getAddress(), toEmail));
        } catch (MessagingException e) {
            throw new IllegalStateException("The test message could not be built: " + e.getMessage(), e);
        }
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (RuntimeException e) {
            return ZoneOffset.UTC;
        }
    }
}
