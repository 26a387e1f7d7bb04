package com.picksdigest.delivery;

import static com.picksdigest.db.generated.Tables.SUBSCRIBERS;

import com.picksdigest.config.MailConfig;
import com.picksdigest.digest.DigestComposer;
import com.picksdigest.digest.DigestModel;
import com.picksdigest.digest.DigestTemplates;
import com.picksdigest.digest.PickSelector;
import com.picksdigest.digest.SelectedPick;
import com.picksdigest.subscribers.LinkTokens;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;

/**
 * What send-now would do, without writing anything or sending: each due subscriber's picks are selected and
 * both parts rendered, so template and data problems show before a real run.
 */
public final class DryRun {
    public record Report(long wouldSend, long nothingNew, long renderedBytes) {}

    private static final int PAGE = 1000;
    private final DSLContext db;
    private final DueDeliveries due;
    private final PickSelector selector;
    private final DigestComposer composer;
    private final DigestTemplates templates;
    private final LinkTokens tokens;
    private final MailConfig mail;
    private final Clock clock;

    public DryRun(DSLContext db, MailConfig mail, DigestTemplates templates, Clock clock) {
        this.db = db;
        this.due = new DueDeliveries(db);
        this.selector = new PickSelector(db, mail.maxItems());
        this.composer = new DigestComposer(mail);
        this.templates = templates;
        this.tokens = new LinkTokens(mail.secret());
        this.mail = mail;
        this.clock = clock;
    }

    public Report run(Optional<String> onlyEmailKey) {
        templates.check();
        Instant now = clock.instant();
        LocalDateTime cutoff = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
        long send = 0, none = 0, bytes = 0;
        for (DueDeliveries.ZoneSlice slice : due.slices(now, DueDeliveries.Mode.ANY_HOUR, onlyEmailKey)) {
            long after = 0;
            while (true) {
                var page = db.select(
                                SUBSCRIBERS.ID,
                                SUBSCRIBERS.NAME,
                                SUBSCRIBERS.WATERMARK,
                                SUBSCRIBERS.FREQUENCY,
                                SUBSCRIBERS.FORMAT,
                                SUBSCRIBERS.LOCALE,
                                SUBSCRIBERS.TOKEN_VERSION)
                        .from(SUBSCRIBERS)
                        .where(slice.due())
                        .and(due.notYetEnqueued(slice))
                        .and(SUBSCRIBERS.ID.gt(after))
                        .orderBy(SUBSCRIBERS.ID)
                        .limit(PAGE)
                        .fetch();
                if (page.isEmpty()) break;
                var follows = selector.follows(page.getValues(SUBSCRIBERS.ID));
                for (var s : page) {
                    LocalDateTime since = s.value3() != null
                            ? s.value3()
                            : cutoff.minus(mail.newSubscriberLookback("weekly".equals(s.value4())));
                    List<SelectedPick> picks =
                            selector.select(follows.getOrDefault(s.value1(), Set.of()), since, cutoff);
                    if (picks.isEmpty()) {
                        none++;
                        continue;
                    }
                    DigestModel model = composer.compose(
                            slice.editionDate(),
                            picks,
                            new DigestComposer.Recipient(
                                    s.value2(), slice.zoneId(), s.value6(), tokens.issue(s.value1(), s.value7())));
                    bytes += templates.renderText(model).length();
                    if (!"text".equals(s.value5()))
                        bytes += templates.renderHtml(model).length();
                    send++;
                }
                after = page.get(page.size() - 1).value1();
            }
        }
        return new Report(send, none, bytes);
    }
}
