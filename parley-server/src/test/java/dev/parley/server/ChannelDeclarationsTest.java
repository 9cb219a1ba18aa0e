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
}
