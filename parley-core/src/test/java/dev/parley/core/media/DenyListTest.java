package dev.parley.core.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class DenyListTest {

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void defaultDeniesTheCloudMetadataEndpointsOnly() throws Exception {
        DenyList d = DenyList.DEFAULT;
        assertThat(d.denies(ip("169.254.169.254"))).isTrue();
        assertThat(d.denies(ip("100.100.100.200"))).isTrue();
        assertThat(d.denies(ip("fd00:ec2::254"))).isTrue();
        assertThat(d.deniesHost("metadata.google.internal")).isTrue();
        assertThat(d.deniesHost("Metadata.Google.Internal.")).isTrue();
        assertThat(d.denies(ip("169.254.169.253"))).isFalse();
        assertThat(d.denies(ip("127.0.0.1"))).isFalse();
        assertThat(d.denies(ip("10.1.2.3"))).isFalse();
        assertThat(d.deniesHost("example.com")).isFalse();
    }

    @Test
    void ipv4MappedIpv6AddressesAreCheckedAsTheirIpv4Address() throws Exception {
        assertThat(DenyList.DEFAULT.denies(ip("::ffff:169.254.169.254"))).isTrue();
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = (byte) 169;
        mapped[13] = (byte) 254;
        mapped[14] = (byte) 169;
        mapped[15] = (byte) 254;
        assertThat(DenyList.DEFAULT.denies(java.net.Inet6Address.getByAddress(null, mapped, -1))).isTrue();
    }

    @Test
    void cidrBlocksMatchTheirWholeRangeAndNoMore() throws Exception {
        DenyList d = DenyList.parse(List.of("10.0.0.0/8", "192.168.1.128/25", "fc00::/7", " ", "0.0.0.0/32"));
        assertThat(d.denies(ip("10.255.0.1"))).isTrue();
        assertThat(d.denies(ip("11.0.0.1"))).isFalse();
        assertThat(d.denies(ip("192.168.1.200"))).isTrue();
        assertThat(d.denies(ip("192.168.1.127"))).isFalse();
        assertThat(d.denies(ip("fd12::1"))).isTrue();
        assertThat(d.denies(ip("fe80::1"))).isFalse();
        assertThat(d.denies(ip("0.0.0.0"))).isTrue();
        assertThat(d.entries()).hasSize(4);
    }

    @Test
    void hostEntriesMatchExactlyOrWithTheirSubdomains() {
        DenyList d = DenyList.parse(List.of("metadata.internal", ".corp.example", "*.svc.local"));
        assertThat(d.deniesHost("metadata.internal")).isTrue();
        assertThat(d.deniesHost("x.metadata.internal")).isFalse();
        assertThat(d.deniesHost("db.corp.example")).isTrue();
        assertThat(d.deniesHost("corp.example")).isTrue();
        assertThat(d.deniesHost("notcorp.example")).isFalse();
        assertThat(d.deniesHost("a.b.svc.local")).isTrue();
    }

    @Test
    void anEntryThatIsNeitherAddressBlockNorNameIsRefusedByName() {
        assertThatThrownBy(() -> DenyList.parse(List.of("10.0.0.0/33"))).hasMessageContaining("10.0.0.0/33");
        assertThatThrownBy(() -> DenyList.parse(List.of("300.1.1.1"))).hasMessageContaining("300.1.1.1");
        assertThatThrownBy(() -> DenyList.parse(List.of("http://x/"))).hasMessageContaining("http://x/");
        assertThatThrownBy(() -> DenyList.parse(List.of("10.0.0.0/x"))).hasMessageContaining("prefix");
    }
}
