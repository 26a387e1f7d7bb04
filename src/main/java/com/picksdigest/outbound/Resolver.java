package com.picksdigest.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Host name to addresses, asked once per fetch (and once per redirect): the addresses it returns are the ones
 * checked and the ones connected to, so nothing can change between the check and the connection.
 */
@FunctionalInterface
public interface Resolver {
    /** @param host a name or an address literal, without brackets */
    List<InetAddress> resolve(String host) throws UnknownHostException;

    /** The operating system's resolver (hosts file, DNS), through {@link InetAddress#getAllByName}. */
    static Resolver system() {
        return host -> List.of(InetAddress.getAllByName(host));
    }
}
