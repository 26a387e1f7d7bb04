package com.picksdigest.support;

import com.picksdigest.outbound.Resolver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test names to whatever addresses a test wants them to resolve to (a private or link-local address, the loopback
 * test server). Address literals and {@code localhost} resolve as in production (the JDK reads them without DNS);
 * any other name is unknown, so a test never sends a DNS query off the machine. Every lookup is recorded.
 */
public final class TestResolver implements Resolver {
    private final Map<String, List<InetAddress>> names = new ConcurrentHashMap<>();
    public final List<String> lookups = new CopyOnWriteArrayList<>();

    /** @param addresses literals, e.g. "169.254.169.254" or "::1" */
    public TestResolver map(String name, String... addresses) {
        List<InetAddress> list = new ArrayList<>();
        for (String a : addresses) {
            try {
                list.add(InetAddress.getByName(a));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("not an address literal: " + a, e);
            }
        }
        names.put(name.toLowerCase(Locale.ROOT), List.copyOf(list));
        return this;
    }

    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        lookups.add(host);
        List<InetAddress> mapped = names.get(host.toLowerCase(Locale.ROOT));
        if (mapped != null) return mapped;
        boolean literal = host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
        if (literal || host.equalsIgnoreCase("localhost"))
            return Resolver.system().resolve(host);
        throw new UnknownHostException(host + " is not a test name");
    }
}
