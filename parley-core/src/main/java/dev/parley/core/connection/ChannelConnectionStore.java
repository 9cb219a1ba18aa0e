package dev.parley.core.connection;

import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import java.util.List;
import java.util.Optional;

/**
 * Persistence of channels ({@code /parley/v1/Channels} and the ones the configuration file declares). A name is
 * unique across the installation. Every method runs inside the caller's transaction. Rows hold the SMPP password:
 * Parley must present it when it binds, so it cannot be hashed.
 */
public interface ChannelConnectionStore {

    /** @return false when a channel of that name exists (of any account); nothing is written then. */
    boolean insert(ChannelConnection connection);

    /** Replaces the settings and {@code dateUpdated} of the channel of that name. */
    void update(ChannelConnection connection);

    /** The channel named {@code name}, whoever owns it. */
    Optional<ChannelConnection> find(String name);

    /** The account's channels, newest first. */
    Page<ChannelConnection> list(String accountSid, PageRequest page);

    /** Every channel of the installation, for the supervisor that keeps them open. */
    List<ChannelConnection> all();

    boolean delete(String name);
}
