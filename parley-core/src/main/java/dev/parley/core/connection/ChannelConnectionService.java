package dev.parley.core.connection;

import dev.parley.core.error.ApiException;
import dev.parley.core.id.IdGenerator;
import dev.parley.core.message.channel.ChannelState;
import dev.parley.core.message.channel.Channels;
import dev.parley.core.message.channel.ProviderWebhooks;
import dev.parley.core.number.ChannelNames;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import dev.parley.core.tx.Storage;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /parley/v1/Channels}: an account creates, reads, changes and deletes its channels (SMPP connections, route
 * tables, WhatsApp Cloud API numbers, upstream Twilio accounts). A channel's {@code Name} is unique across the
 * installation (a duplicate is refused with 20409, 409); only its owner sees it (20404 for anyone else); one declared
 * in the configuration file is read-only here (20403).
 * Every refusal is thrown before anything is written. After each committed change this node's
 * {@link ChannelSupervisor} opens the new channel and closes the old one, so a change takes effect without a restart.
 */
public final class ChannelConnectionService {
    /** Twilio's code pattern for a conflict, Parley's own: a channel of that name exists. */
    public static final int NAME_TAKEN = 20409;
    private final Storage storage;
    private final ChannelNames names;
    private final Channels registry;
    private final ChannelSupervisor supervisor;
    private final IdGenerator ids;
    private final Clock clock;

    public ChannelConnectionService(Storage storage, Channels registry, ChannelSupervisor supervisor, IdGenerator ids,
            Clock clock) {
        this.storage = storage;
        this.names = new ChannelAccess(registry, storage);
        this.registry = registry;
        this.supervisor = supervisor;
        this.ids = ids;
        this.clock = clock;
    }

    /** Creates the channel {@code params} describe ({@code Name}, {@code Type} and the type's parameters). */
    public ChannelConnection create(String accountSid, Map<String, String> params) {
        ChannelConnection created;
        try {
            ChannelConnection parsed = parse(ids.sid("CN"), accountSid, params, ChannelConnection.Source.API,
                    clock.instant());
            checkTargets(parsed);
            created = parsed;
        } catch (InvalidChannelParameter e) {
            throw e.toApi();
        }
        if (!storage.write(tx -> tx.channelConnections().insert(created))) {
            throw taken(created.name());
        }
        supervisor.refresh(created.name());
        return created;
    }

    /**
     * A channel from its parameters, checked for syntax and ranges only (not whether the channels it names exist):
     * for {@link #create} and for the configuration file, which names the failing key from the exception.
     */
    public static ChannelConnection parse(String sid, String accountSid, Map<String, String> params,
            ChannelConnection.Source source, Instant now) {
        String name = ChannelParameters.name(params.get("Name"));
        ChannelParameters p = ChannelParameters.of(params);
        ChannelConnection.Type type = p.type();
        return switch (type) {
            case SMPP -> new ChannelConnection(sid, accountSid, name, type, p.smpp(null), null, source, now, now);
            case ROUTE -> new ChannelConnection(sid, accountSid, name, type, null, p.routes(null), source, now, now);
            case WHATSAPP -> new ChannelConnection(sid, accountSid, name, type, null, null, p.whatsApp(null), null,
                    source, now, now);
            case TWILIO -> new ChannelConnection(sid, accountSid, name, type, null, null, null, p.twilio(null),
                    source, now, now);
        };
    }

    public ChannelConnection fetch(String accountSid, String name) {
        return storage.read(tx -> tx.channelConnections().find(name)).filter(c -> c.accountSid().equals(accountSid))
                .orElseThrow(() -> notFound(name));
    }

    /**
     * Whether a channel named {@code name} exists and is of {@code type}, whoever owns it: how the HTTP layer tells
     * a twilio channel's own {@code AccountSid} parameter from the subaccount one. Reveals nothing to a caller: the
     * answer only chooses how the request is read, and a channel the caller does not own is refused all the same.
     */
    public boolean isType(String name, ChannelConnection.Type type) {
        return storage.read(tx -> tx.channelConnections().find(name)).filter(c -> c.type() == type).isPresent();
    }

    public Page<ChannelConnection> list(String accountSid, PageRequest page) {
        return storage.read(tx -> tx.channelConnections().list(accountSid, page));
    }

    /** Applies the parameters given; {@code Name} and {@code Type} may be repeated but not changed. */
    public ChannelConnection update(String accountSid, String name, Map<String, String> params) {
        ChannelConnection current = changeable(accountSid, name);
        ChannelConnection updated;
        try {
            unchanged(params, "Name", current.name());
            unchanged(params, "Type", current.type().wire());
            ChannelParameters p = ChannelParameters.of(params);
            updated = switch (current.type()) {
                case SMPP -> current.with(p.smpp(current.smpp()), null, clock.instant());
                case ROUTE -> current.with(null, p.routes(current.routes()), clock.instant());
                case WHATSAPP -> current.with(p.whatsApp(current.whatsApp()), clock.instant());
                case TWILIO -> current.with(p.twilio(current.twilio()), clock.instant());
            };
            checkTargets(updated);
        } catch (InvalidChannelParameter e) {
            throw e.toApi();
        }
        storage.write(tx -> {
            // Refused when it changed hands or was deleted since it was read: nothing is written then.
            tx.channelConnections().find(name).filter(c -> c.sid().equals(current.sid()))
                    .orElseThrow(() -> notFound(name));
            tx.channelConnections().update(updated);
            return true;
        });
        supervisor.refresh(name);
        return updated;
    }

    public void delete(String accountSid, String name) {
        ChannelConnection current = changeable(accountSid, name);
        if (!storage.write(tx -> tx.channelConnections().find(name).filter(c -> c.sid().equals(current.sid()))
                .map(c -> tx.channelConnections().delete(name)).orElse(false))) {
            throw notFound(name);
        }
        supervisor.refresh(name);
    }

    /**
     * Makes the stored configuration-file channels exactly {@code declared} (owned by the main account): new ones are
     * inserted, changed ones updated, and those no longer declared deleted; then the supervisor opens them. Every node
     * sharing a database must declare the same ones. Refused with {@link InvalidChannelParameter} (naming the
     * channel's {@code Name} or the failing parameter) when a name is taken by an API channel, or a failover or route
     * names a channel that is neither the simulator, declared, nor the main account's.
     */
    public void declare(List<ChannelConnection> declared) {
        Set<String> declaredNames = new HashSet<>();
        declared.forEach(d -> declaredNames.add(d.channelName()));
        storage.write(tx -> {
            ChannelConnectionStore store = tx.channelConnections();
            for (ChannelConnection d : declared) {
                for (String target : targets(d)) {
                    boolean known = target.equals(ChannelNames.SIMULATOR) || declaredNames.contains(target)
                            || ChannelAccess.ownedName(target).flatMap(store::find)
                                    .filter(t -> t.channelName().equals(target))
                                    .filter(t -> t.accountSid().equals(d.accountSid())).isPresent();
                    if (!known || target.equals(d.channelName())
                            || target.startsWith(ChannelConnection.Type.ROUTE.prefix())
                            || target.startsWith(ChannelConnection.Type.WHATSAPP.prefix())) {
                        String p = d.type() == ChannelConnection.Type.SMPP ? "Failover" : "Routes";
                        throw new InvalidChannelParameter(d.name(), p, p + " names " + target + ", which is not another"
                                + " connection declared in the file or owned by the main account");
                    }
                }
                Optional<ChannelConnection> stored = store.find(d.name());
                if (stored.isEmpty()) {
                    // The SID the file cannot give is drawn once, when the channel is first stored.
                    store.insert(new ChannelConnection(ids.sid("CN"), d.accountSid(), d.name(), d.type(), d.smpp(),
                            d.routes(), d.whatsApp(), d.twilio(), d.source(), d.dateCreated(), d.dateUpdated()));
                } else if (stored.get().source() == ChannelConnection.Source.API) {
                    throw new InvalidChannelParameter(d.name(), "Name", "A channel named " + d.name()
                            + " was created through the API (owner " + stored.get().accountSid() + "); delete it there or rename this one");
                } else if (!sameSettings(stored.get(), d)) {
                    store.update(new ChannelConnection(stored.get().sid(), stored.get().accountSid(), d.name(),
                            d.type(), d.smpp(), d.routes(), d.whatsApp(), d.twilio(), d.source(),
                            stored.get().dateCreated(), d.dateUpdated()));
                }
            }
            store.all().stream().filter(c -> c.source() == ChannelConnection.Source.CONFIG)
                    .filter(c -> !declaredNames.contains(c.channelName())).forEach(c -> store.delete(c.name()));
            return true;
        });
    }

    private static boolean sameSettings(ChannelConnection a, ChannelConnection b) {
        return a.type() == b.type() && Objects.equals(a.smpp(), b.smpp()) && Objects.equals(a.routes(), b.routes())
                && Objects.equals(a.whatsApp(), b.whatsApp()) && Objects.equals(a.twilio(), b.twilio());
    }

    /** The channels {@code c} sends on in turn: a route table's, an SMPP connection's failover; none otherwise. */
    private static List<String> targets(ChannelConnection c) {
        return switch (c.type()) {
            case ROUTE -> c.routes().channels();
            case SMPP -> c.smpp().failover() == null ? List.of() : List.of(c.smpp().failover());
            case WHATSAPP, TWILIO -> List.of();
        };
    }

    /**
     * The registered channel {@code channelName} ({@code whatsapp:<Name>}, {@code twilio:<Name>}) when it takes its
     * provider's webhooks; empty when no such channel is open on this node, or it takes none (SMPP, a route table,
     * the simulator). Whoever owns it: the provider's signature, which the channel checks, is the authentication.
     */
    public Optional<ProviderWebhooks> webhooks(String channelName) {
        return registry.find(channelName).filter(ProviderWebhooks.class::isInstance).map(ProviderWebhooks.class::cast);
    }

    /** What this node's channel reports of its connections (empty for a route table, or before it opened). */
    public Optional<ChannelState> state(ChannelConnection connection) {
        return registry.find(connection.channelName()).flatMap(c -> c.state());
    }

    private ChannelConnection changeable(String accountSid, String name) {
        ChannelConnection current = fetch(accountSid, name);
        if (current.source() == ChannelConnection.Source.CONFIG) {
            throw ApiException.forbidden("Channel " + name + " is declared in Parley's configuration file"
                    + " (channel." + name + ".*); change or remove it there and restart.");
        }
        return current;
    }

    /**
     * A failover or a route names a channel the owner may use, not itself, and never a route table (a route's
     * channel is a connection: tables do not nest, so no loop can form).
     */
    private void checkTargets(ChannelConnection c) {
        if (c.type() == ChannelConnection.Type.SMPP && c.smpp().failover() != null) {
            checkTarget(c, "Failover", c.smpp().failover());
        }
        if (c.type() == ChannelConnection.Type.ROUTE) {
            c.routes().channels().forEach(target -> checkTarget(c, "Routes", target));
        }
    }

    private void checkTarget(ChannelConnection c, String parameter, String target) {
        if (target.equals(c.channelName())) {
            throw new InvalidChannelParameter(parameter, parameter + " must name another channel than "
                    + c.channelName() + " itself");
        }
        if (target.startsWith(ChannelConnection.Type.ROUTE.prefix())) {
            throw new InvalidChannelParameter(parameter, parameter + " must name a connection, not the route table "
                    + target);
        }
        if (target.startsWith(ChannelConnection.Type.WHATSAPP.prefix())) {
            throw new InvalidChannelParameter(parameter, parameter + " must name a channel that carries SMS, not the"
                    + " WhatsApp number " + target);
        }
        if (!names.usableBy(c.accountSid(), target)) {
            throw new InvalidChannelParameter(parameter, parameter + " names " + target
                    + ", which is not a channel configured on this installation");
        }
    }

    private static void unchanged(Map<String, String> params, String parameter, String current) {
        String given = params.get(parameter);
        if (given != null && !given.strip().equalsIgnoreCase(current)) {
            throw new InvalidChannelParameter(parameter, parameter + " of a channel cannot change (it is "
                    + current + "); delete it and create another");
        }
    }

    private static ApiException taken(String name) {
        return new ApiException(NAME_TAKEN, 409, "A channel named " + name + " already exists on this installation;"
                + " channel names are unique across accounts");
    }

    private static ApiException notFound(String name) {
        return ApiException.notFound("/parley/v1/Channels/" + name);
    }
}
