package dev.strata.adapters.http.security;

import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * HTTP security: the client address a request is counted under by the auth rate limits. It is the TCP
 * peer, unless the peer is one of {@code strata.http.trusted-proxies}: then the right-most address of
 * {@code Forwarded} (RFC 7239 {@code for=}; preferred when present) or else {@code X-Forwarded-For} that
 * is not itself a trusted proxy. Headers from any other peer are ignored (anyone can write them). The
 * answer is a bucket key: an IPv4 address as is (IPv4-mapped IPv6 counts as IPv4), an IPv6 address as its
 * /64 prefix, because one subscriber usually holds a whole /64 and could otherwise use a fresh bucket
 * per request.
 */
@Singleton
public final class ClientAddressResolver {
    /** At most this many forwarded hops are examined; a longer chain is cut (its right end is what counts). */
    static final int MAX_HOPS = 32;
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]{1,44}");

    private final List<Cidr> trusted;

    public ClientAddressResolver(TrustedProxySettings settings) {
        this(settings.trustedProxies());
    }

    /** A resolver trusting these CIDR blocks (or single addresses); throws on a malformed entry. */
    public ClientAddressResolver(List<String> trustedProxies) {
        List<Cidr> parsed = new ArrayList<>();
        for (String entry : trustedProxies == null ? List.<String>of() : trustedProxies) {
            if (entry == null || entry.isBlank()) {
                continue;
            }
            parsed.add(Cidr.parse(entry.trim()));
        }
        this.trusted = List.copyOf(parsed);
    }

    /** The rate-limit bucket of the request's client. */
    public String bucketOf(HttpRequest<?> request) {
        InetSocketAddress remote = request.getRemoteAddress();
        InetAddress peer = remote.getAddress();
        if (peer == null) {
            return remote.getHostString();
        }
        return bucketOf(peer, request.getHeaders().getAll("Forwarded"), request.getHeaders().getAll("X-Forwarded-For"));
    }

    /** The bucket for a peer and the values of its {@code Forwarded} and {@code X-Forwarded-For} headers. */
    String bucketOf(InetAddress peer, List<String> forwarded, List<String> xForwardedFor) {
        return bucket(client(peer, forwarded, xForwardedFor));
    }

    /** The client address: the peer, or the right-most untrusted forwarded address when the peer is trusted. */
    InetAddress client(InetAddress peer, List<String> forwarded, List<String> xForwardedFor) {
        InetAddress current = normalise(peer);
        if (!isTrusted(current)) {
            return current;
        }
        List<String> hops = forwarded != null && !forwarded.isEmpty() ? forHops(forwarded) : listHops(xForwardedFor);
        int examined = 0;
        for (int i = hops.size() - 1; i >= 0 && examined < MAX_HOPS; i--, examined++) {
            Optional<InetAddress> hop = parseNode(hops.get(i));
            if (hop.isEmpty()) {
                // an unknown, obfuscated or malformed hop: nothing left of it can be believed, so the last
                // trusted proxy is the client as far as we know
                return current;
            }
            current = hop.get();
            if (!isTrusted(current)) {
                return current;
            }
        }
        return current;
    }

    private boolean isTrusted(InetAddress address) {
        for (Cidr cidr : trusted) {
            if (cidr.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** The bucket key: IPv4 as is, IPv6 as its /64 prefix ({@code 2001:db8:1:2::/64}). */
    static String bucket(InetAddress address) {
        InetAddress normal = normalise(address);
        if (normal instanceof Inet4Address) {
            return normal.getHostAddress();
        }
        byte[] bytes = normal.getAddress();
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < 8; i += 2) {
            key.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
        }
        return key.append(":/64").toString();
    }

    /** IPv4-mapped IPv6 ({@code ::ffff:a.b.c.d}) becomes the IPv4 address; scope ids are dropped. */
    static InetAddress normalise(InetAddress address) {
        byte[] bytes = address.getAddress();
        try {
            if (address instanceof Inet6Address) {
                boolean mapped = bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
                for (int i = 0; i < 10 && mapped; i++) {
                    mapped = bytes[i] == 0;
                }
                if (mapped) {
                    return InetAddress.getByAddress(new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]});
                }
                return ((Inet6Address) address).getScopeId() != 0 ? InetAddress.getByAddress(bytes) : address;
            }
            return address;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@code for=} values of RFC 7239 headers, left to right; an element without {@code for=} is an unknown hop. */
    static List<String> forHops(List<String> values) {
        List<String> hops = new ArrayList<>();
        for (String value : values) {
            for (String element : splitOutsideQuotes(value, ',')) {
                if (element.isBlank()) {
                    continue;
                }
                String node = "";
                for (String pair : splitOutsideQuotes(element, ';')) {
                    int eq = pair.indexOf('=');
                    if (eq > 0 && pair.substring(0, eq).trim().equalsIgnoreCase("for")) {
                        node = pair.substring(eq + 1).trim();
                    }
                }
                hops.add(node);
            }
        }
        return hops;
    }

    private static List<String> listHops(List<String> values) {
        List<String> hops = new ArrayList<>();
        if (values == null) {
            return hops;
        }
        for (String value : values) {
            for (String part : value.split(",", -1)) {
                hops.add(part.trim());
            }
        }
        return hops;
    }

    private static List<String> splitOutsideQuotes(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == separator && !quoted) {
                parts.add(part.toString().trim());
                part.setLength(0);
                continue;
            }
            part.append(c);
        }
        parts.add(part.toString().trim());
        return parts;
    }

    /**
     * An IP literal from a forwarded node: {@code 192.0.2.1}, {@code 192.0.2.1:4711}, {@code 2001:db8::1},
     * {@code [2001:db8::1]}, {@code "[2001:db8::1]:4711"}. Never a host name (no DNS lookups on input).
     */
    static Optional<InetAddress> parseNode(String raw) {
        String node = raw == null ? "" : raw.trim();
        if (node.length() >= 2 && node.startsWith("\"") && node.endsWith("\"")) {
            node = node.substring(1, node.length() - 1).trim();
        }
        if (node.startsWith("[")) {
            int close = node.indexOf(']');
            if (close < 0) {
                return Optional.empty();
            }
            String rest = node.substring(close + 1);
            if (!rest.isEmpty() && !rest.matches(":[0-9A-Za-z_]{1,16}")) {
                return Optional.empty();
            }
            return parseIpv6(node.substring(1, close));
        }
        int colon = node.indexOf(':');
        if (colon >= 0 && node.indexOf(':', colon + 1) < 0) {
            // IPv4 with a port
            String port = node.substring(colon + 1);
            node = node.substring(0, colon);
            if (!port.matches("[0-9A-Za-z_]{1,16}")) {
                return Optional.empty();
            }
        }
        if (IPV4.matcher(node).matches()) {
            return literal(node);
        }
        return node.indexOf(':') >= 0 ? parseIpv6(node) : Optional.empty();
    }

    private static Optional<InetAddress> parseIpv6(String text) {
        String address = text;
        int zone = address.indexOf('%');
        if (zone >= 0) {
            address = address.substring(0, zone);
        }
        if (!IPV6_CHARS.matcher(address).matches() || address.indexOf(':') < 0) {
            return Optional.empty();
        }
        return literal(address).map(ClientAddressResolver::normalise);
    }

    /** Only ever called with digits, dots, hex and colons: the JDK parses such a string as a literal, no lookup. */
    private static Optional<InetAddress> literal(String text) {
        try {
            return Optional.of(InetAddress.getByName(text));
        } catch (UnknownHostException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A CIDR block ({@code 10.0.0.0/8}, {@code 2001:db8::/32}) or a single address. */
    record Cidr(byte[] network, int prefix) {
        static Cidr parse(String text) {
            int slash = text.indexOf('/');
            String address = slash < 0 ? text : text.substring(0, slash);
            String bare = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
            InetAddress parsed = (IPV4.matcher(bare).matches() ? literal(bare) : parseIpv6(bare))
                    .map(ClientAddressResolver::normalise)
                    .orElseThrow(() -> new IllegalArgumentException(
                            "strata.http.trusted-proxies: '" + text + "' is not an IP address or CIDR block"));
            byte[] bytes = parsed.getAddress();
            int prefix;
            try {
                prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(text.substring(slash + 1).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("strata.http.trusted-proxies: '" + text + "' has a malformed prefix length");
            }
            if (prefix < 0 || prefix > bytes.length * 8) {
                throw new IllegalArgumentException("strata.http.trusted-proxies: '" + text + "' has a prefix length out of range");
            }
            return new Cidr(bytes, prefix);
        }

        boolean contains(InetAddress address) {
            byte[] bytes = normalise(address).getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (bytes[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (bytes[full] & mask) == (network[full] & mask);
        }

        @Override
        public String toString() {
            return "Cidr[" + prefix + "]";
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Cidr cidr && cidr.prefix == prefix && java.util.Arrays.equals(cidr.network, network);
        }

        @Override
        public int hashCode() {
            return 31 * java.util.Arrays.hashCode(network) + prefix;
        }
    }

    @Override
    public String toString() {
        return "ClientAddressResolver[trusted=" + trusted.size() + " blocks]";
    }
}
