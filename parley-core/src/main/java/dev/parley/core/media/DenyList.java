package dev.parley.core.media;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Addresses media fetches must never reach: CIDR blocks (IPv4 or IPv6), single IP addresses and host names. A host
 * name entry matches that name exactly; one written {@code .example.com} or {@code *.example.com} matches every
 * name under it. Host names are checked before resolving; addresses on every address a name resolves to, so a
 * name that points at a denied address is denied too.
 *
 * <p>The default denies only the cloud metadata endpoints (AWS, GCP, Azure, Alibaba), whose credentials a fetch
 * on behalf of an API caller must never read.
 */
public final class DenyList {
    public static final List<String> DEFAULT_ENTRIES = List.of("169.254.169.254", "fd00:ec2::254",
            "metadata.google.internal", "100.100.100.200");

    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|.*:.*");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern HOST = Pattern.compile(
            "(\\*?\\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");

    // After the patterns: parse() needs them.
    public static final DenyList DEFAULT = parse(DEFAULT_ENTRIES);

    private record Block(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private final List<String> entries;
    private final List<Block> blocks;
    private final List<String> hosts;

    private DenyList(List<String> entries, List<Block> blocks, List<String> hosts) {
        this.entries = List.copyOf(entries);
        this.blocks = List.copyOf(blocks);
        this.hosts = List.copyOf(hosts);
    }

    /**
     * Parses entries such as {@code 10.0.0.0/8}, {@code 169.254.169.254}, {@code fd00::/8}, {@code
     * metadata.google.internal}, {@code .internal}.
     *
     * @throws IllegalArgumentException naming the first entry that is none of these
     */
    public static DenyList parse(List<String> entries) {
        List<Block> blocks = new ArrayList<>();
        List<String> hosts = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (String raw : entries) {
            String entry = raw.strip().toLowerCase(Locale.ROOT);
            if (entry.isEmpty()) {
                continue;
            }
            kept.add(entry);
            int slash = entry.indexOf('/');
            String address = slash < 0 ? entry : entry.substring(0, slash);
            if (slash >= 0 || IP_LITERAL.matcher(address).matches()) {
                byte[] network = literal(address, raw);
                int prefix = network.length * 8;
                if (slash >= 0) {
                    try {
                        prefix = Integer.parseInt(entry.substring(slash + 1));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("'" + raw + "' has no valid prefix length");
                    }
                    if (prefix < 0 || prefix > network.length * 8) {
                        throw new IllegalArgumentException("'" + raw + "' has a prefix length out of range");
                    }
                }
                blocks.add(new Block(network, prefix));
            } else if (HOST.matcher(trimDot(entry)).matches()) {
                hosts.add(trimDot(entry).startsWith("*.") ? trimDot(entry).substring(1) : trimDot(entry));
            } else {
                throw new IllegalArgumentException("'" + raw
                        + "' is neither an IP address, a CIDR block nor a host name");
            }
        }
        return new DenyList(kept, blocks, hosts);
    }

    /** Whether a host name (as written in a URL) is denied by name. */
    public boolean deniesHost(String host) {
        String name = trimDot(host.toLowerCase(Locale.ROOT));
        for (String denied : hosts) {
            if (denied.startsWith(".") ? name.endsWith(denied) || name.equals(denied.substring(1))
                    : name.equals(denied)) {
                return true;
            }
        }
        return false;
    }

    /** Whether an address is inside a denied block. IPv4-mapped IPv6 addresses count as their IPv4 address. */
    public boolean denies(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 16 && isV4Mapped(bytes)) {
            byte[] v4 = new byte[4];
            System.arraycopy(bytes, 12, v4, 0, 4);
            bytes = v4;
        }
        for (Block block : blocks) {
            if (block.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    public List<String> entries() {
        return entries;
    }

    /** Two lists are equal when they have the same entries in the same order. */
    @Override
    public boolean equals(Object other) {
        return other instanceof DenyList d && d.entries.equals(entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return String.join(",", entries);
    }

    private static boolean isV4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
    }

    private static byte[] literal(String address, String raw) {
        if (!address.contains(":")) {
            var m = IPV4.matcher(address);
            if (!m.matches()) {
                throw new IllegalArgumentException("'" + raw + "' is not an IP address or CIDR block");
            }
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(m.group(i + 1));
                if (octet > 255) {
                    throw new IllegalArgumentException("'" + raw + "' is not an IP address or CIDR block");
                }
                bytes[i] = (byte) octet;
            }
            return bytes;
        }
        try {
            // With a colon it can only be an IPv6 literal: parsed, never looked up.
            return InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException | SecurityException e) {
            throw new IllegalArgumentException("'" + raw + "' is not an IP address or CIDR block");
        }
    }

    private static String trimDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}
