package dev.strata.adapters.http.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The client address behind the auth rate limits: trusted proxies, forwarded chains, malformed input, IPv6 /64 buckets. */
class ClientAddressResolverTest {
    private static final List<String> NONE = List.of();
    private final ClientAddressResolver untrusting = new ClientAddressResolver(List.of());
    private final ClientAddressResolver behindProxies = new ClientAddressResolver(List.of("10.0.0.0/8", "fd00::/8", "192.0.2.7"));

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void withoutTrustedProxiesForwardedHeadersAreIgnored() {
        assertEquals("203.0.113.9", untrusting.bucketOf(ip("203.0.113.9"), List.of("for=198.51.100.1"), List.of("198.51.100.2")));
        assertEquals("10.1.2.3", untrusting.bucketOf(ip("10.1.2.3"), NONE, List.of("198.51.100.2")));
    }

    @Test
    void spoofedHeadersFromAnUntrustedPeerAreIgnoredEvenWhenProxiesAreConfigured() {
        assertEquals("203.0.113.9", behindProxies.bucketOf(ip("203.0.113.9"), NONE, List.of("10.0.0.1, 198.51.100.2")));
        assertEquals("203.0.113.9", behindProxies.bucketOf(ip("203.0.113.9"), List.of("for=198.51.100.1"), NONE));
    }

    @Test
    void aTrustedPeerGivesTheRightMostUntrustedAddressOfXForwardedFor() {
        assertEquals("198.51.100.2", behindProxies.bucketOf(ip("10.0.0.5"), NONE, List.of("198.51.100.2")));
        // the client prepended a lie; our proxies appended what they saw
        assertEquals("198.51.100.2", behindProxies.bucketOf(ip("10.0.0.5"), NONE, List.of("6.6.6.6, 198.51.100.2, 10.0.0.9")));
        // several header lines are one list, in order
        assertEquals("198.51.100.3", behindProxies.bucketOf(ip("10.0.0.5"), NONE, List.of("6.6.6.6", "198.51.100.3", "192.0.2.7")));
        assertEquals("198.51.100.2", behindProxies.bucketOf(ip("10.0.0.5"), NONE, List.of("198.51.100.2:4711")));
    }

    @Test
    void forwardedIsPreferredAndParsedPerRfc7239() {
        assertEquals("198.51.100.4", behindProxies.bucketOf(ip("10.0.0.5"),
                List.of("for=6.6.6.6;proto=https, for=198.51.100.4;by=10.0.0.5"), List.of("198.51.100.99")));
        assertEquals("2001:db8:cafe:1::/64", behindProxies.bucketOf(ip("10.0.0.5"),
                List.of("For=\"[2001:db8:cafe:1::17]:4711\""), NONE));
        assertEquals("198.51.100.5", behindProxies.bucketOf(ip("10.0.0.5"), List.of("proto=https;for=\"198.51.100.5:80\";host=x"), NONE));
    }

    @Test
    void whenEveryHopIsTrustedTheLeftMostIsTheClient() {
        assertEquals("10.9.9.9", behindProxies.bucketOf(ip("10.0.0.5"), NONE, List.of("10.9.9.9, 10.0.0.7")));
        assertEquals("10.0.0.5", behindProxies.bucketOf(ip("10.0.0.5"), NONE, NONE));
    }

    @Test
    void malformedUnknownOrObfuscatedHopsStopAtTheLastTrustedAddress() {
        for (String bad : List.of("unknown", "_hidden", "not-an-ip", "999.1.1.1", "1.2.3", "example.org", "", "[::1", "[::1]x",
                "1.2.3.4:80:90", "::ffff:zz", ".:1", "01.2.3.4")) {
            assertEquals("10.0.0.5", behindProxies.bucketOf(ip("10.0.0.5"), NONE, List.of(bad)), bad);
        }
        assertEquals("10.0.0.7", behindProxies.bucketOf(ip("10.0.0.5"), NONE, List.of("198.51.100.2, garbage, 10.0.0.7")));
        assertEquals("10.0.0.5", behindProxies.bucketOf(ip("10.0.0.5"), List.of("for=unknown"), NONE));
        assertEquals("10.0.0.5", behindProxies.bucketOf(ip("10.0.0.5"), List.of("proto=https"), NONE));
        assertEquals("10.0.0.5", behindProxies.bucketOf(ip("10.0.0.5"), List.of("for=\"_secret\""), NONE));
    }

    @Test
    void aVeryLongChainIsCutAndCannotMintBuckets() {
        String chain = String.join(", ", java.util.Collections.nCopies(1000, "10.0.0.1"));
        assertEquals("10.0.0.1", behindProxies.bucketOf(ip("10.0.0.5"), NONE, List.of("198.51.100.2, " + chain)));
    }

    @Test
    void ipv6AddressesAreBucketedByTheirSlash64() {
        String a = untrusting.bucketOf(ip("2001:db8:1:2::1"), NONE, NONE);
        String b = untrusting.bucketOf(ip("2001:db8:1:2:ffff:ffff:ffff:ffff"), NONE, NONE);
        String c = untrusting.bucketOf(ip("2001:db8:1:3::1"), NONE, NONE);
        assertEquals("2001:db8:1:2::/64", a);
        assertEquals(a, b);
        assertFalse(a.equals(c));
        assertEquals("2001:db8:1:2::/64", behindProxies.bucketOf(ip("fd00::1"), NONE, List.of("[2001:db8:1:2::abcd]:443")));
        assertEquals("2001:db8:1:2::/64", behindProxies.bucketOf(ip("fd00::1"), NONE, List.of("2001:db8:1:2::abcd%eth0")));
    }

    @Test
    void ipv4MappedIpv6CountsAsIpv4ForBucketsAndTrust() {
        assertEquals("198.51.100.2", untrusting.bucketOf(ip("::ffff:198.51.100.2"), NONE, NONE));
        assertEquals("198.51.100.2", behindProxies.bucketOf(ip("::ffff:10.0.0.5"), NONE, List.of("::ffff:198.51.100.2")));
        assertEquals("198.51.100.2", behindProxies.bucketOf(ip("::ffff:192.0.2.7"), NONE, List.of("198.51.100.2")));
    }

    @Test
    void cidrBlocksMatchOnTheirPrefixOnly() {
        ClientAddressResolver odd = new ClientAddressResolver(List.of("192.0.2.128/25", "2001:db8::/33"));
        assertTrue(odd.client(ip("192.0.2.200"), NONE, List.of("198.51.100.2")).getHostAddress().equals("198.51.100.2"));
        assertEquals("192.0.2.100", odd.bucketOf(ip("192.0.2.100"), NONE, List.of("198.51.100.2")));
        assertEquals("198.51.100.2", odd.bucketOf(ip("2001:db8:7fff::1"), NONE, List.of("198.51.100.2")));
        assertEquals("2001:db8:8000:0::/64", odd.bucketOf(ip("2001:db8:8000::1"), NONE, List.of("198.51.100.2")));
        ClientAddressResolver everything = new ClientAddressResolver(List.of("0.0.0.0/0"));
        assertEquals("198.51.100.2", everything.bucketOf(ip("203.0.113.1"), NONE, List.of("198.51.100.2")));
    }

    @Test
    void malformedTrustedProxyEntriesAreRefusedAtStart() {
        for (String bad : List.of("10.0.0.0/33", "fd00::/129", "10.0.0.0/x", "proxy.example.org", "10.0.0/8", "fd00::/-1")) {
            assertThrows(IllegalArgumentException.class, () -> new ClientAddressResolver(List.of(bad)), bad);
        }
        assertEquals("198.51.100.2", new ClientAddressResolver(List.of(" ", "[fd00::1]")).bucketOf(ip("fd00::1"), NONE,
                List.of("198.51.100.2")));
    }
}
