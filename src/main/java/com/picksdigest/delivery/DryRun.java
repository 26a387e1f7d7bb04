package com.picksdigest.delivery;

import static com.picksdigest.db.generated.Tables.SUBSCRIBERS;

import com.picksdigest.db.types.DigestFormat;
import com.picksdigest.db.types.Frequency;
import com.picksdigest.digest.DigestComposer;
import com.picksdigest.digest.DigestModel;
import com.picksdigest.digest.DigestPlanner;
import com.picksdigest.digest.DigestTemplates;
import com.picksdigest.digest.SelectedPick;
import com.picksdigest.subscribers.LinkTokens;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private final DigestPlanner planner;
    private final DigestComposer composer;
    private final DigestTemplates templates;
    private final LinkTokens tokens;
    private final Clock clock;

    public DryRun(
            DSLContext db,
            DueDeliveries due,
            DigestPlanner planner,
            DigestComposer composer,
            DigestTemplates templates,
            LinkTokens tokens,
            Clock clock) {
        this.db = db;
        this.due = due;
        this.planner = planner;
        this.composer = composer;
        this.templates = templates;
        this.tokens = tokens;
        this.clock = clock;
    }

    public Report run(Optional<String> onlyEmailKey) {
        templates.check();
        DigestPlanner.Cut cut = planner.cutNow();
        long send = 0, none = 0, bytes = 0;
        for (DueDeliveries.ZoneSlice slice : due.slices(clock.instant(), DueDeliveries.Mode.ANY_HOUR, onlyEmailKey)) {
            long after = 0;
            while (true) {
                var page = db.select(
                                SUBSCRIBERS.ID,
                                SUBSCRIBERS.NAME,
                                SUBSCRIBERS.WATERMARK_SEQ,
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
                Map<Long, List<SelectedPick>> digests = planner.plan(
                        page.map(s -> new DigestPlanner.Reader(
                                s.value1(),
                                DigestPlanner.seen(s.value3(), s.value4()),
                                s.value5() == Frequency.WEEKLY)),
                        cut);
                for (var s : page) {
                    List<SelectedPick> picks = digests.get(s.value1());
                    if (picks.isEmpty()) {
                        none++;
                        continue;
                    }
                    DigestModel model = composer.compose(
                            slice.editionDate(),
                            picks,
                            new DigestComposer.Recipient(
                                    s.value2(), slice.zoneId(), s.value7(), tokens.issue(s.value1(), s.value8())));
                    bytes += templates.renderText(model).length();
                    if (s.value6() != DigestFormat.TEXT)
                        bytes += templates.renderHtml(model).length();
                    send++;
                }
                after = page.get(page.size() - 1).value1();
            }
        }
        return new Report(send, none, bytes);
    }
}
