package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code chat.demo} / {@code PARLEY_CHAT_DEMO}: the web chat's demo page, off unless turned on. */
class ChatDemoConfigTest {
    @TempDir
    Path dir;

    private ParleyConfig load(Path file, Map<String, String> env) {
        return ParleyConfigLoader.load(file, env, dir);
    }

    @Test
    void theDemoIsOffByDefaultAndTurnedOnByTheFileOrTheEnvironment() throws IOException {
        assertThat(ParleyConfig.defaults().chatDemo()).isFalse();
        assertThat(load(null, Map.of()).chatDemo()).isFalse();
        Path on = Files.writeString(dir.resolve("on.properties"), "chat.demo=on\n");

        assertThat(load(on, Map.of()).chatDemo()).isTrue();
        assertThat(load(on, Map.of("PARLEY_CHAT_DEMO", "off")).chatDemo()).isFalse();
        assertThat(load(null, Map.of("PARLEY_CHAT_DEMO", "ON")).chatDemo()).isTrue();
        assertThat(ParleyConfig.defaults().withChatDemo(true).withPort(0).chatDemo()).isTrue();
        assertThat(ParleyConfig.defaults().withChatDemo(true).toString()).contains("chatDemo=on");
    }

    @Test
    void anotherValueStopsStartupNamingTheSettingAndWhereItCameFrom() throws IOException {
        Path file = Files.writeString(dir.resolve("p.properties"), "chat.demo=yes\n");

        assertThatThrownBy(() -> load(file, Map.of()))
                .isInstanceOfSatisfying(InvalidConfigException.class,
                        e -> assertThat(e.key()).isEqualTo(ConfigKey.CHAT_DEMO))
                .hasMessageStartingWith("chat.demo (PARLEY_CHAT_DEMO) must be on or off, got 'yes' (");
    }
}
