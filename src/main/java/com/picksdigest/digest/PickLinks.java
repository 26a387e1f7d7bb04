package com.picksdigest.digest;

import java.util.List;

/** How the links of one delivery's picks are written: as they are, or through the click counter. */
@FunctionalInterface
public interface PickLinks {
    PickLinks DIRECT = (deliveryId, picks) -> picks;

    List<SelectedPick> forDelivery(long deliveryId, List<SelectedPick> picks);
}
