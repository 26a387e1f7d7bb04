package com.picksdigest.providers;

import java.util.List;

/** One provider's webhook: checks that the request is the provider's, then reads the events it reports. */
interface Provider {
    /** The last part of the route, /hooks/bounces/NAME. */
    String name();

    /** @throws HookRefused when the request is not believed to be the provider's, or cannot be read */
    List<ProviderEvent> read(HookRequest request) throws HookRefused;
}
