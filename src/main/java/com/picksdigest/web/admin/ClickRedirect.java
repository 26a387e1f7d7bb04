package com.picksdigest.web.admin;

import static com.picksdigest.db.generated.Tables.DELIVERIES;
import static com.picksdigest.db.generated.Tables.PICKS;

import com.picksdigest.common.HttpLinks;
import com.picksdigest.digest.ClickLinks;
import com.picksdigest.subscribers.Events;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * /c/{delivery}.{pick}.{mac}: counts a click ('clicked' event naming delivery, pick and subscriber) and redirects
 * to the pick's own URL. Links with a bad signature, or naming a delivery or pick that is gone, get a 404 page and
 * count nothing.
 */
final class ClickRedirect {
    private final ClickLinks links;
    private final DSLContext db;
    private final Clock clock;

    ClickRedirect(ClickLinks links, DSLContext db, Clock clock) {
        this.links = links;
        this.db = db;
        this.clock = clock;
    }

    void handle(Context ctx) {
        Optional<ClickLinks.Click> click = links.verify(ctx.pathParam("token"));
        if (click.isEmpty()) throw AdminError.notFound();
        long deliveryId = click.get().deliveryId();
        long pickId = click.get().pickId();
        String url = db.select(PICKS.URL).from(PICKS).where(PICKS.ID.eq(pickId)).fetchOne(PICKS.URL);
        Long subscriberId = db.select(DELIVERIES.SUBSCRIBER_ID)
                .from(DELIVERIES)
                .where(DELIVERIES.ID.eq(deliveryId))
                .fetchOne(DELIVERIES.SUBSCRIBER_ID);
        if (url == null || subscriberId == null || HttpLinks.orNull(url) == null) throw AdminError.notFound();
        Events.record(
                db,
                subscriberId,
                "clicked",
                null,
                deliveryId,
                pickId,
                LocalDateTime.now(clock.withZone(ZoneOffset.UTC)));
        ctx.redirect(url, HttpStatus.FOUND);
    }
}
