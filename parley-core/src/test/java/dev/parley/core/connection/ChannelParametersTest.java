package dev.parley.core.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.connection.SmppSettings.BindType;
import dev.parley.core.connection.SmppSettings.DataCoding;
import dev.parley.core.connection.SmppSettings.IdFormat;
import dev.parley.core.connection.SmppSettings.Split;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ChannelParametersTest {

    private static Map<String, String> minimal() {
        Map<String, String> p = new HashMap<>();
        p.put("Host", "smsc.example.net");
        p.put("SystemId", "parley");
        return p;
    }

    private static SmppSettings smpp(Map<String, String> p) {
        return ChannelParameters.of(p).smpp(null);
    }

    @Test
    void onlyHostAndSystemIdAreRequiredTheRestTakeTheirDefaults() {
        SmppSettings s = smpp(minimal());
        assertThat(s).isEqualTo(new SmppSettings("smsc.example.net", 2775, false, "parley", "", "",
                BindType.TRANSCEIVER, 1, 10, 0, Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(60),
                Duration.ofSeconds(10), 1, 1, 1, 1, DataCoding.SMSC_DEFAULT, false, Split.UDH8, IdFormat.STRING,
                IdFormat.STRING, null));
    }

    @Test
    void everyParameterIsReadEnumerationsInAnyCaseDurationsInSeconds() {
        Map<String, String> p = minimal();
        p.putAll(Map.ofEntries(Map.entry("Port", "2776"), Map.entry("Tls", "TRUE"), Map.entry("Password", "pw"),
                Map.entry("SystemType", "CMT"), Map.entry("BindType", "Transmitter_Receiver"),
                Map.entry("Binds", "4"), Map.entry("Window", "100"), Map.entry("MaxSubmitsPerSecond", "250.5"),
                Map.entry("EnquireLinkInterval", "15"), Map.entry("ReconnectMin", "0.25"),
                Map.entry("ReconnectMax", "120"), Map.entry("ResponseTimeout", "2.5"), Map.entry("SourceTon", "5"),
                Map.entry("SourceNpi", "0"), Map.entry("DestTon", "255"), Map.entry("DestNpi", "9"),
                Map.entry("DefaultDataCoding", "3"), Map.entry("Gsm7Packed", "true"), Map.entry("Split", "sar"),
                Map.entry("ResponseIdFormat", "HEX"), Map.entry("ReceiptIdFormat", "decimal"),
                Map.entry("Failover", "smpp:backup")));
        assertThat(smpp(p)).isEqualTo(new SmppSettings("smsc.example.net", 2776, true, "parley", "pw", "CMT",
                BindType.TRANSMITTER_RECEIVER, 4, 100, 250.5, Duration.ofSeconds(15), Duration.ofMillis(250),
                Duration.ofMinutes(2), Duration.ofMillis(2500), 5, 0, 255, 9, DataCoding.LATIN1, true, Split.SAR,
                IdFormat.HEX, IdFormat.DECIMAL, "smpp:backup"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Port|0", "Port|65536", "Port|x", "Binds|0", "Binds|65", "Window|0", "Window|1001", "SourceTon|256",
        "SourceNpi|-1", "DestTon|1.5", "DestNpi|999", "Tls|yes", "Gsm7Packed|1", "BindType|transmitter",
        "Split|udh7", "DefaultDataCoding|8", "ResponseIdFormat|octal", "ReceiptIdFormat|", "MaxSubmitsPerSecond|-1",
        "EnquireLinkInterval|0.5", "ResponseTimeout|0.0001", "ReconnectMin|3601", "ReconnectMax|abc",
        "SystemId|sixteen-chars-id", "SystemType|thirteen-char", "Host|smsc example", "Routes|+44=smpp:uk"})
    void aValueOutOfRangeIsRefusedNamingItsParameter(String parameter, String value) {
        Map<String, String> p = minimal();
        p.put(parameter, value == null ? "" : value);
        assertThatThrownBy(() -> smpp(p)).isInstanceOfSatisfying(InvalidChannelParameter.class, e -> {
            assertThat(e.parameter()).isEqualTo(parameter);
            assertThat(e.getMessage()).startsWith(parameter);
            assertThat(e.toApi().code()).isEqualTo(20001);
            assertThat(e.toApi().httpStatus()).isEqualTo(400);
        });
    }

    @Test
    void aMissingHostOrSystemIdIsRefusedAsTwilioSaysMissingParameters() {
        Map<String, String> p = minimal();
        p.remove("SystemId");
        assertThatThrownBy(() -> smpp(p)).hasMessage("Missing required parameter SystemId in the post body");
    }

    @Test
    void aPasswordLongerThanEightIsRefusedWithoutRepeatingIt() {
        Map<String, String> p = minimal();
        p.put("Password", "hunter2hunter2");
        assertThatThrownBy(() -> smpp(p)).isInstanceOf(InvalidChannelParameter.class)
                .hasMessageContaining("Password must be at most 8").hasMessageNotContaining("hunter2");
    }

    @Test
    void reconnectMaxBelowReconnectMinIsRefused() {
        Map<String, String> p = minimal();
        p.put("ReconnectMin", "10");
        p.put("ReconnectMax", "5");
        assertThatThrownBy(() -> smpp(p)).isInstanceOfSatisfying(InvalidChannelParameter.class,
                e -> assertThat(e.parameter()).isEqualTo("ReconnectMax"));
    }

    @Test
    void anUpdateChangesOnlyWhatItGivesAndKeepsThePassword() {
        Map<String, String> p = minimal();
        p.put("Password", "secret");
        SmppSettings before = smpp(p);
        SmppSettings after = ChannelParameters.of(Map.of("Window", "50", "Failover", "")).smpp(before);
        assertThat(after.window()).isEqualTo(50);
        assertThat(after.password()).isEqualTo("secret");
        assertThat(after.failover()).isNull();
        assertThat(after.host()).isEqualTo(before.host());
    }

    @Test
    void theToStringOfSettingsAndConnectionsNeverShowsThePassword() {
        Map<String, String> p = minimal();
        p.put("Password", "s3cr3t");
        SmppSettings s = smpp(p);
        ChannelConnection c = new ChannelConnection("CN1", "AC1", "uk", ChannelConnection.Type.SMPP, s, null,
                ChannelConnection.Source.API, null, null);
        assertThat(s.toString()).doesNotContain("s3cr3t");
        assertThat(c.toString()).doesNotContain("s3cr3t");
    }

    @ParameterizedTest
    @CsvSource({"UK", "-uk", "a.b", "a b", "thirty-three-characters-long-name"})
    void aNameMustBeLowerCaseLettersDigitsDashesAndUnderscores(String name) {
        assertThatThrownBy(() -> ChannelParameters.name(name)).isInstanceOfSatisfying(InvalidChannelParameter.class,
                e -> assertThat(e.parameter()).isEqualTo("Name"));
    }

    @Test
    void aRouteTableIsReadLongestPrefixFirstAndRefusesBadEntries() {
        RouteTable t = ChannelParameters.of(Map.of("Routes", " *=smpp:default, +44=smpp:uk ,4420=smpp:london"))
                .routes(null);
        assertThat(t.wire()).isEqualTo("+4420=smpp:london,+44=smpp:uk,*=smpp:default");
        for (String bad : new String[] {"+44", "+44=", "uk=smpp:uk", "+44=smpp:a,+44=smpp:b", "+1234567890123456=x"}) {
            assertThatThrownBy(() -> ChannelParameters.of(Map.of("Routes", bad)).routes(null))
                    .as(bad).isInstanceOfSatisfying(InvalidChannelParameter.class,
                            e -> assertThat(e.parameter()).isEqualTo("Routes"));
        }
        assertThatThrownBy(() -> ChannelParameters.of(Map.of("Routes", "*=x", "Window", "5")).routes(null))
                .isInstanceOfSatisfying(InvalidChannelParameter.class,
                        e -> assertThat(e.parameter()).isEqualTo("Window"));
    }
}
