package dev.parley.core.smsc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CidrTest {

    private static byte[] v4(int a, int b, int c, int d) {
        return new byte[] {(byte) a, (byte) b, (byte) c, (byte) d};
    }

    @Test
    void ipv4BlocksHoldTheirAddressesAndTheirMappedIpv6Forms() {
        Cidr ten = Cidr.parse("10.1.2.3/8").orElseThrow();
        assertThat(ten.toString()).isEqualTo("10.0.0.0/8");
        assertThat(ten.contains(v4(10, 255, 0, 1))).isTrue();
        assertThat(ten.contains(v4(11, 0, 0, 1))).isFalse();
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = 10;
        assertThat(ten.contains(mapped)).isTrue();
        assertThat(Cidr.parse("127.0.0.1").orElseThrow().contains(v4(127, 0, 0, 1))).isTrue();
        assertThat(Cidr.parse("127.0.0.1").orElseThrow().contains(v4(127, 0, 0, 2))).isFalse();
    }

    @Test
    void ipv6BlocksParseEveryTextFormAndPrintCompressed() {
        Cidr doc = Cidr.parse("2001:DB8:0:0::1/32").orElseThrow();
        assertThat(doc.toString()).isEqualTo("2001:db8::/32");
        assertThat(Cidr.parse("::1").orElseThrow().toString()).isEqualTo("::1/128");
        assertThat(Cidr.parse("::").orElseThrow().toString()).isEqualTo("::/128");
        assertThat(Cidr.parse("fe80::1:0:0:2/128").orElseThrow().toString()).isEqualTo("fe80::1:0:0:2/128");
        assertThat(Cidr.parse("::ffff:192.0.2.1").orElseThrow().toString()).isEqualTo("::ffff:c000:201/128");
        byte[] inside = new byte[16];
        inside[0] = 0x20;
        inside[1] = 0x01;
        inside[2] = 0x0d;
        inside[3] = (byte) 0xb8;
        inside[15] = 7;
        assertThat(doc.contains(inside)).isTrue();
        assertThat(doc.contains(v4(32, 1, 13, 184))).isFalse();
    }

    @Test
    void malformedBlocksAreRefused() {
        for (String bad : new String[] {"", "10.0.0.0/33", "10.0.0", "256.0.0.1", "10.0.0.0/-1", "1:2:3:4:5:6:7:8:9",
            "1::2::3", "::g", "2001:db8::/129", "10.0.0.0/8/8", "host.example", ":", "1.2.3.4.5"}) {
            assertThat(Cidr.parse(bad)).as(bad).isEmpty();
        }
    }
}
