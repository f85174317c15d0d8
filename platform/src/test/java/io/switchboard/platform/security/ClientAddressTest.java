package io.switchboard.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which address a sign-in is counted against: X-Forwarded-For only from trusted proxies. */
class ClientAddressTest {

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        ClientAddress address = new ClientAddress(List.of());
        assertThat(address.resolve("203.0.113.5", List.of("198.51.100.1"))).isEqualTo("203.0.113.5");
    }

    @Test
    void aTrustedProxysForwardedAddressIsTaken() {
        ClientAddress address = new ClientAddress(List.of(" 10.0.0.1", "10.0.0.2 "));
        assertThat(address.resolve("10.0.0.1", List.of("198.51.100.1"))).isEqualTo("198.51.100.1");
        // The client may write its own X-Forwarded-For; only the hops our proxies appended count.
        assertThat(address.resolve("10.0.0.1", List.of("1.2.3.4, 198.51.100.1"))).isEqualTo("198.51.100.1");
        assertThat(address.resolve("10.0.0.1", List.of("1.2.3.4", "198.51.100.1, 10.0.0.2")))
                .isEqualTo("198.51.100.1");
        assertThat(address.resolve("10.0.0.1", List.of())).as("no header").isEqualTo("10.0.0.1");
    }

    @Test
    void anUntrustedPeersHeaderIsIgnored() {
        ClientAddress address = new ClientAddress(List.of("10.0.0.1"));
        assertThat(address.resolve("203.0.113.5", List.of("198.51.100.1"))).isEqualTo("203.0.113.5");
    }

    @Test
    void somethingThatIsNoAddressStopsTheWalk() {
        ClientAddress address = new ClientAddress(List.of("10.0.0.1", "not-an-address", "cafe.be"));
        assertThat(address.resolve("10.0.0.1", List.of("evil.example"))).isEqualTo("10.0.0.1");
        assertThat(address.resolve("10.0.0.1", List.of("unknown, 198.51.100.1, garbage\u0000")))
                .isEqualTo("10.0.0.1");
    }

    @Test
    void ipv6AddressesCompareInCanonicalForm() {
        ClientAddress address = new ClientAddress(List.of("::1"));
        assertThat(address.resolve("0:0:0:0:0:0:0:1", List.of("2001:DB8::0:1"))).isEqualTo("2001:db8:0:0:0:0:0:1");
    }
}
