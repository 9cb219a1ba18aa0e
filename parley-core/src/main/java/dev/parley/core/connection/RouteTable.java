package dev.parley.core.connection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A {@code Type=route} channel's table: destination prefixes ({@code +44}, {@code +4420}) to channel names, and
 * {@code *}, the default. The longest prefix matching a destination wins. Written and read as
 * {@code +44=smpp:uk,+4420=smpp:london,*=smpp:default}, the {@code Routes} parameter.
 *
 * @param routes the entries, longest prefix first ({@code *} last)
 */
public record RouteTable(List<Route> routes) {
    /** The prefix that matches every destination. */
    public static final String DEFAULT = "*";

    public RouteTable {
        List<Route> sorted = new ArrayList<>(routes);
        sorted.sort(Comparator.comparingInt((Route r) -> r.prefix().equals(DEFAULT) ? -1 : r.prefix().length())
                .reversed().thenComparing(Route::prefix));
        routes = List.copyOf(sorted);
    }

    /** One entry: destinations starting with {@code prefix} ({@code *}: any) go to the channel {@code channel}. */
    public record Route(String prefix, String channel) {
    }

    /** The channel for {@code destination} (E.164): the longest prefix it starts with, else {@code *}, else none. */
    public Optional<String> channelFor(String destination) {
        for (Route r : routes) {
            if (r.prefix().equals(DEFAULT) || destination.startsWith(r.prefix())) {
                return Optional.of(r.channel());
            }
        }
        return Optional.empty();
    }

    /** Every channel the table names, once each. */
    public List<String> channels() {
        return routes.stream().map(Route::channel).distinct().toList();
    }

    /** The {@code Routes} parameter that gives this table back. */
    public String wire() {
        return routes.stream().map(r -> r.prefix() + "=" + r.channel()).collect(Collectors.joining(","));
    }
}
