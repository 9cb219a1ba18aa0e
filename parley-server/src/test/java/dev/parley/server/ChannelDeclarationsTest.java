package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Channels declared in parley.properties: {@code channel.<Name>.<Parameter>}, validated at start naming the key. */
class ChannelDeclarationsTest {
    @TempDir
    Path dir;

    private ParleyConfig load(String properties) throws IOException {
        Path file = Files.writeString(dir.resolve("parley.properties"), properties);
        return ParleyConfigLoader.load(file, Map.of(), dir);
    }

    @Test
    void channelKeysAreReadPerNameWithTheApisParameterNames() throws IOException {
        ParleyConfig config = load("""
                port=8081
                channel.uk.Type=smpp
                channel.uk.Host=smsc.example.net
                channel.uk.SystemId=parley
                channel.uk.Password=s3cr3t
                channel.uk.Window=50
                channel.world.Type=route
                channel.world.Routes=+44=smpp:uk,*=simulator
                """);
        assertThat(config.channels()).containsOnlyKeys("uk", "world");
        assertThat(config.channels().get("uk")).containsEntry("Host", "smsc.example.net").containsEntry("Window", "50");
        assertThat(config.channels().get("world")).containsEntry("Routes", "+44=smpp:uk,*=simulator");
        assertThat(config.toString()).contains("channels=").doesNotContain("s3cr3t");
        assertThat(ChannelDeclarations.connections(config.channels(), "AC" + "1".repeat(32), java.time.Instant.EPOCH))
                .extracting(c -> c.channelName()).containsExactlyInAnyOrder("smpp:uk", "route:world");
    }

    @Test
    void aBadValueStopsStartUpNamingItsKeyButNeverThePassword() {
        assertThatThrownBy(() -> load("""
                channel.uk.Type=smpp
                channel.uk.Host=smsc.example.net
                channel.uk.SystemId=parley
                channel.uk.Window=0
                """)).isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("Configuration key 'channel.uk.Window': Window must be a whole number from 1");
        assertThatThrownBy(() -> load("""
                channel.uk.Type=smpp
                channel.uk.Host=smsc.example.net
                channel.uk.SystemId=parley
                channel.uk.Password=much-too-long
                """)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("'channel.uk.Password'").hasMessageNotContaining("much-too-long");
        assertThatThrownBy(() -> load("channel.uk.Host=smsc.example.net\nchannel.uk.SystemId=parley\n"))
                .hasMessageContaining("'channel.uk.Type'").hasMessageContaining("Missing required parameter Type");
    }

    @Test
    void anUnknownParameterABadNameOrAKeyWithoutParameterIsRefused() {
        assertThatThrownBy(() -> load("channel.uk.Type=smpp\nchannel.uk.Windw=5\n"))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("'channel.uk.Windw'")
                .hasMessageContaining("known parameters: Type, Host");
        assertThatThrownBy(() -> load("channel.UK.Type=route\nchannel.UK.Routes=*=simulator\n"))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("'channel.UK'")
                .hasMessageContaining("lower-case");
        assertThatThrownBy(() -> load("channel.uk=smpp\n")).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("channel.<Name>.<Parameter>");
    }

    @Test
    void aDeclaredFailoverToNothingStopsStartUpNamingTheKey() throws IOException {
        Path data = dir.resolve("data");
        ParleyConfig config = ParleyConfig.defaults().withPort(0).withDataDir(data).withChannels(Map.of("uk",
                Map.of("Type", "smpp", "Host", "127.0.0.1", "SystemId", "p", "Failover", "smpp:nowhere")));
        assertThatThrownBy(() -> ParleyServer.start(config).close()).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("'channel.uk.Failover'").hasMessageContaining("smpp:nowhere");
    }

    @Test
    void aWhatsAppNumberAndAnUpstreamTwilioAccountAreDeclaredWithTheApisParametersAndNoSecretIsShown()
            throws IOException {
        ParleyConfig config = load("""
                channel.wa.Type=whatsapp
                channel.wa.PhoneNumberId=106540352242922
                channel.wa.BusinessAccountId=102290129340398
                channel.wa.AccessToken=EAAG-token-in-file
                channel.wa.AppSecret=app-secret-in-file
                channel.wa.VerifyToken=verify-in-file
                channel.up.Type=twilio
                channel.up.AccountSid=AC0123456789abcdef0123456789abcdef
                channel.up.AuthToken=auth-token-in-file
                channel.up.BaseUrl=http://localhost:18080/
                """);
        assertThat(config.toString()).doesNotContain("token-in-file", "secret-in-file", "verify-in-file");
        var connections = ChannelDeclarations.connections(config.channels(), "AC" + "1".repeat(32),
                java.time.Instant.EPOCH);
        assertThat(connections).extracting(c -> c.channelName())
                .containsExactlyInAnyOrder("whatsapp:wa", "twilio:up");
        var wa = connections.stream().filter(c -> c.name().equals("wa")).findFirst().orElseThrow();
        assertThat(wa.whatsApp().accessToken()).isEqualTo("EAAG-token-in-file");
        assertThat(wa.whatsApp().graphBaseUrl()).isEqualTo("https://graph.facebook.com/v21.0");
        var up = connections.stream().filter(c -> c.name().equals("up")).findFirst().orElseThrow();
        assertThat(up.twilio().accountSid()).isEqualTo("AC0123456789abcdef0123456789abcdef");
        assertThat(up.twilio().baseUrl()).isEqualTo("http://localhost:18080");
        assertThat(up.toString()).doesNotContain("auth-token-in-file");
    }

    @Test
    void aBadWhatsAppOrTwilioDeclarationStopsStartUpNamingTheKeyButNeverTheSecret() {
        assertThatThrownBy(() -> load("""
                channel.wa.Type=whatsapp
                channel.wa.PhoneNumberId=106540352242922
                channel.wa.BusinessAccountId=102290129340398
                channel.wa.AccessToken=EAAG-token-in-file
                channel.wa.AppSecret=app-secret-in-file
                """)).isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("Configuration key 'channel.wa.VerifyToken': Missing required parameter")
                .hasMessageNotContaining("in-file");
        String tooLong = "auth-token-in-file".repeat(300);
        assertThatThrownBy(() -> load("""
                channel.up.Type=twilio
                channel.up.AccountSid=AC0123456789abcdef0123456789abcdef
                channel.up.AuthToken=%s
                """.formatted(tooLong))).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("'channel.up.AuthToken'").hasMessageNotContaining("auth-token-in-file");
        assertThatThrownBy(() -> load("""
                channel.up.Type=twilio
                channel.up.AccountSid=AC0123456789abcdef0123456789abcdef
                channel.up.AuthToken=t
                channel.up.Host=smsc.example.net
                """)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("'channel.up.Host'")
                .hasMessageContaining("does not apply to a channel of Type=twilio");
    }
}
