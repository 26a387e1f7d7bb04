package com.picksdigest.providers;

import com.picksdigest.bounces.BounceActions;
import com.picksdigest.bounces.BounceReport;
import com.picksdigest.config.VerpAddresses;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Hands what providers report to the same {@link BounceActions} as the bounce mailbox: a hard bounce, a soft bounce
 * (counted once per delivery) or a complaint, acting only on a delivery we sent, within the window, to the recipient
 * the provider names. The delivery is named by our signed return path when the provider quotes it, else by our
 * Message-ID; the provider's verified signature is what lets the Message-ID alone name it.
 */
public final class ProviderReports {
    private final BounceActions actions;
    private final Optional<VerpAddresses> verp;

    public ProviderReports(BounceActions actions, Optional<VerpAddresses> verp) {
        this.actions = actions;
        this.verp = verp;
    }

    List<BounceActions.Outcome> apply(List<ProviderEvent> events) {
        List<BounceActions.Outcome> outcomes = new ArrayList<>(events.size());
        for (ProviderEvent e : events) outcomes.add(apply(e));
        return outcomes;
    }

    private BounceActions.Outcome apply(ProviderEvent e) {
        if (e.kind() == ProviderEvent.Kind.OTHER)
            return new BounceActions.Outcome(true, "nothing to do: " + e.detail());
        VerpAddresses.Found path = verp.map(v -> v.find(e.returnPaths())).orElse(new VerpAddresses.None());
        if (path instanceof VerpAddresses.Forged f) return new BounceActions.Outcome(false, "not believed: " + f.why());
        Optional<Long> delivery = Optional.empty();
        if (path instanceof VerpAddresses.Signed s) delivery = Optional.of(s.deliveryId());
        if (path instanceof VerpAddresses.Unsigned u) delivery = Optional.of(u.deliveryId());
        Set<String> recipients = e.recipient().isEmpty() ? Set.of() : Set.of(ProviderEvent.lower(e.recipient()));
        BounceReport.Reference ref = new BounceReport.Reference(
                Optional.empty(), delivery, recipients, e.messageId(), path instanceof VerpAddresses.Unsigned);
        BounceReport report = switch (e.kind()) {
            case HARD_BOUNCE -> new BounceReport.HardBounce(ref, e.status(), e.detail());
            case SOFT_BOUNCE -> new BounceReport.SoftBounce(ref, e.status(), e.detail());
            case COMPLAINT -> new BounceReport.Complaint(ref, e.detail());
            case OTHER -> throw new IllegalStateException("handled above");
        };
        return actions.applyVouched(report);
    }
}
