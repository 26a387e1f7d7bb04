package com.picksdigest.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientNetworkTest {

    @Test
    void anIpv6AddressStandsForItsSlash64HoweverItIsSpelled() {
        assertThat(ClientNetwork.key("2001:db8:abcd:12::1")).isEqualTo("2001:db8:abcd:12::/64");
        assertThat(ClientNetwork.key("2001:0DB8:ABCD:0012:ffff:ffff:ffff:ffff")).isEqualTo("2001:db8:abcd:12::/64");
        assertThat(ClientNetwork.key("[2001:db8:abcd:12:0:0:0:9]")).isEqualTo("2001:db8:abcd:12::/64");
        assertThat(ClientNetwork.key("2001:db8:abcd:13::1")).isEqualTo("2001:db8:abcd:13::/64");
        assertThat(ClientNetwork.key("::1")).isEqualTo("0:0:0:0::/64");
    }

    @Test
    void anIpv4AddressIsItsOwnKeyAlsoWhenMappedIntoIpv6() {
        assertThat(ClientNetwork.key("198.51.100.7")).isEqualTo("198.51.100.7");
        assertThat(ClientNetwork.key(" 198.51.100.7 ")).isEqualTo("198.51.100.7");
        assertThat(ClientNetwork.key("::ffff:198.51.100.7")).isEqualTo("198.51.100.7");
        assertThat(ClientNetwork.key("198.51.100.8")).isEqualTo("198.51.100.8");
    }

    @Test
    void textThatIsNoAddressIsNeverLookedUpAndStaysShort() {
        // Names would need a lookup: they are not addresses here.
        assertThat(ClientNetwork.parse("localhost")).isEmpty();
        assertThat(ClientNetwork.parse("example.org")).isEmpty();
        assertThat(ClientNetwork.parse("256.1.1.1")).isEmpty();
        assertThat(ClientNetwork.parse("1.2.3")).isEmpty();
        assertThat(ClientNetwork.parse("2130706433")).isEmpty();
        assertThat(ClientNetwork.parse("fe80::1%eth0")).isEmpty();
        assertThat(ClientNetwork.parse("1:2:3:4:5:6:7:8:9")).isEmpty();
        assertThat(ClientNetwork.parse("")).isEmpty();
        assertThat(ClientNetwork.parse(null)).isEmpty();
        assertThat(ClientNetwork.key("unknown")).isEqualTo("unknown");
        assertThat(ClientNetwork.key(null)).isEmpty();
        assertThat(ClientNetwork.key("x".repeat(1000))).hasSize(ClientNetwork.MAX_KEY);
    }
}
