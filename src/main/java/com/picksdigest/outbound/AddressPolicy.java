package com.picksdigest.outbound;

import java.net.InetAddress;
import java.util.Optional;

/** Which resolved addresses a fetch may connect to. */
@FunctionalInterface
public interface AddressPolicy {
    /**
     * @return empty when {@code address} on {@code port} may be reached; otherwise what the address is, to end a
     *     sentence such as "127.0.0.1 is a loopback address"
     */
    Optional<String> refusal(InetAddress address, int port);

    /** Public unicast addresses only: the default. */
    static AddressPolicy publicOnly() {
        return new SpecialRanges(false);
    }

    /**
     * Also the private ranges an intranet uses (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7, fec0::/10);
     * loopback, link-local (cloud metadata) and every other special range stay refused.
     */
    static AddressPolicy allowingPrivate() {
        return new SpecialRanges(true);
    }
}
