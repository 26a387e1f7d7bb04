package com.picksdigest.common;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The network a client address stands for in per-client limits. An IPv6 client is its /64: a home line or a server
 * usually gets a whole /64 and may use any of its 2^64 addresses, so counting single addresses would let it rotate
 * past any limit. An IPv4 client is its own address (/32). Only literals are read, never looked up: the text can
 * come from a request header.
 */
public final class ClientNetwork {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    /** The longest IPv6 literal, ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255. */
    private static final int MAX_LITERAL = 45;
    /** Keys stay short whatever a client sends. */
    static final int MAX_KEY = 64;

    private ClientNetwork() {}

    /**
     * The limit key for {@code address}: "2001:db8:1:2::/64" for any address of that /64, "198.51.100.7" for an
     * IPv4 address (also when written as IPv4-mapped IPv6); anything that is no IP literal is its own key, cut to
     * {@value #MAX_KEY} characters.
     */
    public static String key(String address) {
        Optional<InetAddress> ip = parse(address);
        if (ip.isEmpty()) {
            String k = address == null ? "" : address.strip();
            return k.length() > MAX_KEY ? k.substring(0, MAX_KEY) : k;
        }
        byte[] b = ip.get().getAddress();
        if (b.length == 4) return ip.get().getHostAddress();
        return String.format("%x:%x:%x:%x::/64", hextet(b, 0), hextet(b, 2), hextet(b, 4), hextet(b, 6));
    }

    /** The address {@code text} spells (IPv6 in brackets or not), without any name lookup; empty if it is none. */
    public static Optional<InetAddress> parse(String text) {
        if (text == null) return Optional.empty();
        String t = text.strip();
        if (t.startsWith("[") && t.endsWith("]")) t = t.substring(1, t.length() - 1);
        if (t.isEmpty() || t.length() > MAX_LITERAL) return Optional.empty();
        try {
            Matcher v4 = IPV4.matcher(t);
            if (v4.matches()) {
                byte[] b = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int octet = Integer.parseInt(v4.group(i + 1));
                    if (octet > 255) return Optional.empty();
                    b[i] = (byte) octet;
                }
                return Optional.of(InetAddress.getByAddress(b));
            }
            // In brackets, InetAddress reads an IPv6 literal or fails: it never turns to a name lookup.
            if (IPV6.matcher(t).matches()) return Optional.of(InetAddress.getByName("[" + t + "]"));
        } catch (UnknownHostException notAnAddress) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static int hextet(byte[] b, int i) {
        return ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
    }
}
