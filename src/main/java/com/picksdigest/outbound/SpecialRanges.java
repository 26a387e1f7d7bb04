package com.picksdigest.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The IANA special-purpose ranges (RFC 6890 and its updates) that a fetch on someone's behalf must not reach, and
 * the IPv6 forms that carry an IPv4 address inside them (NAT64, 6to4, Teredo), which are judged by that address.
 * Only global unicast is public: IPv6 outside 2000::/3 is refused as reserved.
 */
final class SpecialRanges implements AddressPolicy {
    private record Range(byte[] prefix, int bits, String what, boolean privateUse) {
        boolean contains(byte[] a) {
            if (a.length != prefix.length) return false;
            int full = bits / 8;
            if (!Arrays.equals(a, 0, full, prefix, 0, full)) return false;
            int rest = bits % 8;
            if (rest == 0) return true;
            int mask = (0xff << (8 - rest)) & 0xff;
            return (a[full] & mask) == (prefix[full] & mask);
        }
    }

    private static final List<Range> V4 = List.of(
            range("255.255.255.255/32", "a broadcast address", false),
            range("0.0.0.0/8", "an unspecified address", false),
            range("10.0.0.0/8", "a private address", true),
            range("100.64.0.0/10", "a shared (carrier-grade NAT) address", true),
            range("127.0.0.0/8", "a loopback address", false),
            range("169.254.0.0/16", "a link-local address", false),
            range("172.16.0.0/12", "a private address", true),
            range("192.0.0.0/24", "a reserved address", false),
            range("192.0.2.0/24", "a documentation address", false),
            range("192.88.99.0/24", "a reserved address", false),
            range("192.168.0.0/16", "a private address", true),
            range("198.18.0.0/15", "a benchmarking address", false),
            range("198.51.100.0/24", "a documentation address", false),
            range("203.0.113.0/24", "a documentation address", false),
            range("224.0.0.0/4", "a multicast address", false),
            range("240.0.0.0/4", "a reserved address", false));

    private static final List<Range> V6 = List.of(
            range("::/128", "an unspecified address", false),
            range("::1/128", "a loopback address", false),
            new Range(mappedPrefix(), 96, "an IPv4-mapped address", false),
            range("::/96", "an IPv4-compatible address", false),
            range("64:ff9b:1::/48", "a reserved address", false),
            range("100::/64", "a reserved address", false),
            range("2001:2::/48", "a benchmarking address", false),
            range("2001:db8::/32", "a documentation address", false),
            range("fc00::/7", "a unique-local address", true),
            range("fec0::/10", "a site-local address", true),
            range("fe80::/10", "a link-local address", false),
            range("ff00::/8", "a multicast address", false));

    private static final Range NAT64 = range("64:ff9b::/96", "", false);
    private static final Range SIX_TO_FOUR = range("2002::/16", "", false);
    private static final Range TEREDO = range("2001::/32", "", false);
    private static final Range GLOBAL_UNICAST = range("2000::/3", "", false);

    private final boolean allowPrivate;

    SpecialRanges(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    @Override
    public Optional<String> refusal(InetAddress address, int port) {
        return refusal(address.getAddress());
    }

    private Optional<String> refusal(byte[] a) {
        for (Range r : a.length == 4 ? V4 : V6) {
            if (r.contains(a)) return allowPrivate && r.privateUse() ? Optional.empty() : Optional.of(r.what());
        }
        if (a.length == 4) return Optional.empty();
        if (NAT64.contains(a)) return embedded("a NAT64 address", Arrays.copyOfRange(a, 12, 16));
        if (SIX_TO_FOUR.contains(a)) return embedded("a 6to4 address", Arrays.copyOfRange(a, 2, 6));
        if (TEREDO.contains(a)) {
            byte[] client = Arrays.copyOfRange(a, 12, 16);
            for (int i = 0; i < 4; i++) client[i] = (byte) ~client[i];
            return embedded("a Teredo address", client);
        }
        return GLOBAL_UNICAST.contains(a) ? Optional.empty() : Optional.of("a reserved address");
    }

    private Optional<String> embedded(String form, byte[] v4) {
        return refusal(v4).map(what -> form + " for " + text(v4) + ", " + what);
    }

    private static String text(byte[] v4) {
        return (v4[0] & 0xff) + "." + (v4[1] & 0xff) + "." + (v4[2] & 0xff) + "." + (v4[3] & 0xff);
    }

    private static Range range(String cidr, String what, boolean privateUse) {
        String[] parts = cidr.split("/");
        try {
            byte[] prefix = InetAddress.getByName(parts[0]).getAddress();
            return new Range(prefix, Integer.parseInt(parts[1]), what, privateUse);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(cidr, e);
        }
    }

    /** ::ffff:0:0, which InetAddress would turn into the IPv4 address 0.0.0.0. */
    private static byte[] mappedPrefix() {
        byte[] b = new byte[16];
        b[10] = (byte) 0xff;
        b[11] = (byte) 0xff;
        return b;
    }
}
