package dev.parley.core.connection;

import dev.parley.core.account.Account;
import dev.parley.core.message.channel.Channels;
import dev.parley.core.number.ChannelNames;
import dev.parley.core.tx.Storage;
import java.util.Optional;

/**
 * The channel names numbers, short codes and alpha senders may be routed to, account by account: a channel of the
 * installation (the simulator) to anyone, a channel an account owns ({@code smpp:…}, {@code route:…},
 * {@code whatsapp:…}, {@code twilio:…}) to that account and its subaccounts. Existence is this node's registry
 * ({@link Channels}); ownership is read from the store.
 */
public final class ChannelAccess implements ChannelNames {
    private final Channels channels;
    private final Storage storage;

    public ChannelAccess(Channels channels, Storage storage) {
        this.channels = channels;
        this.storage = storage;
    }

    @Override
    public boolean exists(String name) {
        return channels.exists(name);
    }

    @Override
    public boolean carriesWhatsApp(String name) {
        return channels.carriesWhatsApp(name);
    }

    @Override
    public boolean usableBy(String accountSid, String name) {
        if (!channels.exists(name)) {
            return false;
        }
        Optional<String> owned = ownedName(name);
        if (owned.isEmpty()) {
            return true;
        }
        return storage.read(tx -> tx.channelConnections().find(owned.get())
                .filter(c -> c.channelName().equals(name))
                .map(c -> c.accountSid().equals(accountSid) || tx.accounts().find(accountSid)
                        .map(Account::ownerAccountSid).filter(c.accountSid()::equals).isPresent())
                .orElse(false));
    }

    /** The connection's {@code Name} when {@code channelName} names an account's channel ({@code smpp:uk}: uk). */
    static Optional<String> ownedName(String channelName) {
        for (ChannelConnection.Type type : ChannelConnection.Type.values()) {
            if (channelName.startsWith(type.prefix())) {
                return Optional.of(channelName.substring(type.prefix().length()));
            }
        }
        return Optional.empty();
    }
}
