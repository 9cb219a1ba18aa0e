package dev.parley.core.smsc;

import java.util.Arrays;
import java.util.Optional;

/**
 * A block of IPv4 or IPv6 addresses in CIDR notation ({@code 10.0.0.0/8}, {@code 2001:db8::/32}; a bare address is
 * one host). Parsed here from text alone, without name resolution: core opens no socket and names no
 * {@code InetAddress}, and the server hands the peer's raw address bytes to {@link #contains}.
 */
public record Cidr(byte[] network, int prefix) {

    public Cidr {
        network = network.clone();
    }

    /** The block {@code text} names, or empty when it is not CIDR notation. */
    public static Optional<Cidr> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String t = text.strip();
        int slash = t.indexOf('/');
        String host = slash < 0 ? t : t.substring(0, slash);
        byte[] address = host.contains(":") ? ipv6(host) : ipv4(host);
        if (address == null) {
            return Optional.empty();
        }
        int bits = address.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String p = t.substring(slash + 1);
            if (!p.matches("[0-9]{1,3}")) {
                return Optional.empty();
            }
            prefix = Integer.parseInt(p);
            if (prefix > bits) {
                return Optional.empty();
            }
        }
        return Optional.of(new Cidr(mask(address, prefix), prefix));
    }

    /**
     * Whether {@code address} (4 or 16 bytes, as {@code InetAddress.getAddress()} gives them) is in this block. An IPv4
     * block also holds the IPv4-mapped IPv6 form of its addresses ({@code ::ffff:10.0.0.1}), as a dual-stack socket
     * reports an IPv4 peer.
     */
    public boolean contains(byte[] address) {
        byte[] a = address;
        if (network.length == 4 && a.length == 16 && isMappedIpv4(a)) {
            a = Arrays.copyOfRange(a, 12, 16);
        }
        return a.length == network.length && Arrays.equals(mask(a, prefix), network);
    }

    private static boolean isMappedIpv4(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] out = address.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] = (byte) (out[i] & (0xff << (8 - keep)));
        }
        return out;
    }

    private static byte[] ipv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (!parts[i].matches("[0-9]{1,3}")) {
                return null;
            }
            int v = Integer.parseInt(parts[i]);
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    /** RFC 4291 text: eight groups, one {@code ::}, an optional dotted IPv4 tail; no zone id. */
    private static byte[] ipv6(String s) {
        if (s.indexOf("::") != s.lastIndexOf("::")) {
            return null;
        }
        String[] halves = s.split("::", -1);
        int[] head = groups(halves[0]);
        int[] tail = halves.length == 2 ? groups(halves[1]) : new int[0];
        if (head == null || tail == null) {
            return null;
        }
        int total = head.length + tail.length;
        if (halves.length == 1 ? total != 8 : total > 7) {
            return null;
        }
        byte[] out = new byte[16];
        for (int i = 0; i < head.length; i++) {
            out[2 * i] = (byte) (head[i] >> 8);
            out[2 * i + 1] = (byte) head[i];
        }
        for (int i = 0; i < tail.length; i++) {
            int at = 8 - tail.length + i;
            out[2 * at] = (byte) (tail[i] >> 8);
            out[2 * at + 1] = (byte) tail[i];
        }
        return out;
    }

    /** Colon-separated 16-bit groups; a last dotted-quad counts as two. Null when malformed. */
    private static int[] groups(String s) {
        if (s.isEmpty()) {
            return new int[0];
        }
        String[] parts = s.split(":", -1);
        int[] out = new int[parts.length + (parts[parts.length - 1].contains(".") ? 1 : 0)];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (i == parts.length - 1 && p.contains(".")) {
                byte[] v4 = ipv4(p);
                if (v4 == null) {
                    return null;
                }
                out[i] = (v4[0] & 0xff) << 8 | v4[1] & 0xff;
                out[i + 1] = (v4[2] & 0xff) << 8 | v4[3] & 0xff;
            } else if (p.matches("[0-9a-fA-F]{1,4}")) {
                out[i] = Integer.parseInt(p, 16);
            } else {
                return null;
            }
        }
        return out;
    }

    /** The canonical text: the masked network and its prefix. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        if (network.length == 4) {
            for (int i = 0; i < 4; i++) {
                b.append(i == 0 ? "" : ".").append(network[i] & 0xff);
            }
        } else {
            int[] g = new int[8];
            for (int i = 0; i < 8; i++) {
                g[i] = (network[2 * i] & 0xff) << 8 | network[2 * i + 1] & 0xff;
            }
            // RFC 5952: the longest run of two or more zero groups (the first of equals) becomes "::".
            int bestStart = -1;
            int bestLength = 1;
            for (int i = 0; i < 8; i++) {
                int j = i;
                while (j < 8 && g[j] == 0) {
                    j++;
                }
                if (j - i > bestLength) {
                    bestStart = i;
                    bestLength = j - i;
                }
                i = Math.max(i, j);
            }
            for (int i = 0; i < 8; i++) {
                if (i == bestStart) {
                    b.append("::");
                    i += bestLength - 1;
                    continue;
                }
                if (b.length() > 0 && b.charAt(b.length() - 1) != ':') {
                    b.append(':');
                }
                b.append(Integer.toHexString(g[i]));
            }
        }
        return b.append('/').append(prefix).toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.prefix == prefix && Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(network) * 31 + prefix;
    }
}
