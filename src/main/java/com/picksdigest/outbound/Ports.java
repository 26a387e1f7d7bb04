package com.picksdigest.outbound;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The ports a fetch may use: a few listed ones and one range. The default (80, 443 and 1024-65535) keeps fetches
 * away from the well-known ports of other protocols (SSH on 22, SMTP on 25...), where a request's bytes could be
 * read as commands.
 */
public record Ports(Set<Integer> listed, int from, int to) {
    public static final Ports DEFAULT = new Ports(Set.of(80, 443), 1024, 65535);

    public Ports {
        listed = Set.copyOf(listed);
    }

    public boolean allows(int port) {
        return listed.contains(port) || (port >= from && port <= to);
    }

    /** "80, 443 and 1024-65535" */
    @Override
    public String toString() {
        String single = new TreeSet<>(listed).stream().map(String::valueOf).collect(Collectors.joining(", "));
        String range = from + "-" + to;
        return single.isEmpty() ? range : single + " and " + range;
    }
}
