package dev.parley.core.channel;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The channels this installation can send on, by name. */
public final class Channels {
    public static final String SIMULATOR = "simulator";
    private final Map<String, Channel> byName;

    public Channels(List<Channel> channels) {
        this.byName = channels.stream().collect(Collectors.toUnmodifiableMap(Channel::name, Function.identity()));
    }

    public Optional<Channel> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Whether {@code name} is a configured channel that carries WhatsApp messages. */
    public boolean carriesWhatsApp(String name) {
        return find(name).map(Channel::carriesWhatsApp).orElse(false);
    }

    public boolean exists(String name) {
        return byName.containsKey(name);
    }
}
