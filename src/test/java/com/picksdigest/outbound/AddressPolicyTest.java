package com.picksdigest.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every special range refused by the default policy, the embedded IPv4 forms judged by what they embed. */
class AddressPolicyTest {
    private final AddressPolicy policy = AddressPolicy.publicOnly();
    private final AddressPolicy intranet = AddressPolicy.allowingPrivate();

    @Test
    void specialIpv4RangesAreRefusedEachForItsReason() throws Exception {
        Map<String, String> refused = Map.ofEntries(
                Map.entry("127.0.0.1", "a loopback address"),
                Map.entry("127.255.255.254", "a loopback address"),
                Map.entry("0.0.0.0", "an unspecified address"),
                Map.entry("0.1.2.3", "an unspecified address"),
                Map.entry("10.0.0.1", "a private address"),
                Map.entry("172.16.0.1", "a private address"),
                Map.entry("172.31.255.255", "a private address"),
                Map.entry("192.168.1.1", "a private address"),
                Map.entry("100.64.0.1", "a shared (carrier-grade NAT) address"),
                Map.entry("100.127.255.255", "a shared (carrier-grade NAT) address"),
                Map.entry("169.254.169.254", "a link-local address"),
                Map.entry("192.0.0.8", "a reserved address"),
                Map.entry("192.0.2.1", "a documentation address"),
                Map.entry("198.51.100.7", "a documentation address"),
                Map.entry("203.0.113.9", "a documentation address"),
                Map.entry("198.18.0.1", "a benchmarking address"),
                Map.entry("198.19.255.255", "a benchmarking address"),
                Map.entry("224.0.0.1", "a multicast address"),
                Map.entry("239.255.255.250", "a multicast address"),
                Map.entry("240.0.0.1", "a reserved address"),
                Map.entry("255.255.255.255", "a broadcast address"));
        for (var e : refused.entrySet()) {
            assertThat(policy.refusal(ip(e.getKey()), 80)).as(e.getKey()).hasValue(e.getValue());
        }
        for (String open : new String[] {
            "1.1.1.1",
            "8.8.8.8",
            "172.15.255.255",
            "172.32.0.0",
            "100.63.255.255",
            "100.128.0.0",
            "198.17.255.255",
            "198.20.0.0",
            "223.255.255.255",
            "11.0.0.0",
            "169.253.0.1"
        }) {
            assertThat(policy.refusal(ip(open), 443)).as(open).isEmpty();
        }
    }

    @Test
    void specialIpv6RangesAreRefusedEachForItsReason() throws Exception {
        Map<String, String> refused = Map.ofEntries(
                Map.entry("::", "an unspecified address"),
                Map.entry("::1", "a loopback address"),
                Map.entry("::127.0.0.1", "an IPv4-compatible address"),
                Map.entry("::8.8.8.8", "an IPv4-compatible address"),
                Map.entry("fe80::1", "a link-local address"),
                Map.entry("febf::1", "a link-local address"),
                Map.entry("fc00::1", "a unique-local address"),
                Map.entry("fd12:3456::1", "a unique-local address"),
                Map.entry("fec0::1", "a site-local address"),
                Map.entry("ff02::1", "a multicast address"),
                Map.entry("2001:db8::1", "a documentation address"),
                Map.entry("2001:2::1", "a benchmarking address"),
                Map.entry("100::1", "a reserved address"),
                Map.entry("64:ff9b:1::1", "a reserved address"),
                Map.entry("4000::1", "a reserved address"),
                Map.entry("64:ff9b::a00:1", "a NAT64 address for 10.0.0.1, a private address"),
                Map.entry("64:ff9b::7f00:1", "a NAT64 address for 127.0.0.1, a loopback address"),
                Map.entry("2002:a9fe:a9fe::1", "a 6to4 address for 169.254.169.254, a link-local address"),
                Map.entry("2002:7f00:1::", "a 6to4 address for 127.0.0.1, a loopback address"),
                // Teredo carries the client's address with every bit flipped: ~127.0.0.1 = 80ff:fffe
                Map.entry(
                        "2001:0:4136:e378:8000:63bf:80ff:fffe", "a Teredo address for 127.0.0.1, a loopback address"));
        for (var e : refused.entrySet()) {
            assertThat(policy.refusal(ip(e.getKey()), 80)).as(e.getKey()).hasValue(e.getValue());
        }
        for (String open : new String[] {
            "2606:4700:4700::1111",
            "2a00:1450:4001::200e",
            "64:ff9b::808:808",
            "2002:808:808::1",
            "2001:0:4136:e378:8000:63bf:f7f7:f7f7"
        }) {
            assertThat(policy.refusal(ip(open), 443)).as(open).isEmpty();
        }
    }

    @Test
    void ipv4MappedIpv6IsJudgedAsItsIpv4AddressOrRefusedAsMapped() throws Exception {
        // the JDK turns ::ffff:a.b.c.d into the IPv4 address itself
        assertThat(policy.refusal(ip("::ffff:127.0.0.1"), 80)).hasValue("a loopback address");
        assertThat(policy.refusal(ip("::ffff:169.254.169.254"), 80)).hasValue("a link-local address");
        // built as IPv6 on purpose, the mapped form is refused as such
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 8, 8, 8, 8};
        assertThat(policy.refusal(Inet6Address.getByAddress(null, mapped, -1), 80))
                .hasValue("an IPv4-mapped address");
    }

    @Test
    void allowingPrivateOpensTheIntranetRangesOnly() throws Exception {
        for (String open :
                new String[] {"10.1.2.3", "172.20.0.1", "192.168.0.10", "100.64.1.1", "fd00::5", "fec0::1"}) {
            assertThat(intranet.refusal(ip(open), 80)).as(open).isEmpty();
        }
        assertThat(intranet.refusal(ip("127.0.0.1"), 80)).hasValue("a loopback address");
        assertThat(intranet.refusal(ip("::1"), 80)).hasValue("a loopback address");
        assertThat(intranet.refusal(ip("169.254.169.254"), 80)).hasValue("a link-local address");
        assertThat(intranet.refusal(ip("fe80::1"), 80)).hasValue("a link-local address");
        assertThat(intranet.refusal(ip("0.0.0.0"), 80)).hasValue("an unspecified address");
        assertThat(intranet.refusal(ip("224.0.0.1"), 80)).hasValue("a multicast address");
    }

    @Test
    void addressesAreWrittenAsPeopleWriteThem() throws Exception {
        assertThat(GuardedHttp.text(ip("::1"))).isEqualTo("::1");
        assertThat(GuardedHttp.text(ip("fe80::1"))).isEqualTo("fe80::1");
        assertThat(GuardedHttp.text(ip("2001:db8:0:0:1:0:0:1"))).isEqualTo("2001:db8::1:0:0:1");
        assertThat(GuardedHttp.text(ip("::"))).isEqualTo("::");
        assertThat(GuardedHttp.text(ip("10.0.0.1"))).isEqualTo("10.0.0.1");
    }

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal); // literals only: never a DNS query
    }
}
