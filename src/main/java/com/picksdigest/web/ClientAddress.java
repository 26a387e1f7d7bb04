package com.picksdigest.web;

import com.picksdigest.common.ClientNetwork;
import io.javalin.http.Context;
import java.net.InetAddress;
import java.util.Optional;

/**
 * Who sent a request, for the per-client limits of sign-up and sign-in: the address that connected or, behind a
 * reverse proxy (PICKS_TRUST_PROXY), the last X-Forwarded-For entry, the one that proxy wrote itself. Earlier
 * entries are the client's to invent, and without a proxy so is the whole header, so neither is ever read.
 */
public final class ClientAddress {
    private final boolean trustProxy;

    public ClientAddress(boolean trustProxy) {
        this.trustProxy = trustProxy;
    }

    /** The client's IP address as text; whatever connected when the proxy's entry is missing or no IP address. */
    public String of(Context ctx) {
        String forwarded = trustProxy ? ctx.header("X-Forwarded-For") : null;
        if (forwarded != null) {
            String[] hops = forwarded.split(",", -1);
            Optional<InetAddress> last = ClientNetwork.parse(hops[hops.length - 1]);
            if (last.isPresent()) return last.get().getHostAddress();
        }
        return ClientNetwork.parse(ctx.ip()).map(InetAddress::getHostAddress).orElse(ctx.ip());
    }
}
