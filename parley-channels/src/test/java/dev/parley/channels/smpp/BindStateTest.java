package dev.parley.channels.smpp;

import static dev.parley.channels.smpp.BindState.CLOSED;
import static dev.parley.channels.smpp.BindState.CONNECTING;
import static dev.parley.channels.smpp.BindState.DISCONNECTED;
import static dev.parley.channels.smpp.BindState.UNBINDING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.channels.smpp.BindState.Event;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BindStateTest {

    /** Every (state, event) pair and where it leads; a pair not listed leaves the state as it is. */
    private static final Map<BindState, Map<Event, BindState>> MOVES = new EnumMap<>(Map.of(
            DISCONNECTED, Map.of(Event.CONNECT, CONNECTING, Event.CLOSE, CLOSED),
            CONNECTING, Map.of(Event.BOUND, BindState.BOUND, Event.REFUSED, DISCONNECTED, Event.LOST, DISCONNECTED,
                    Event.CLOSE, CLOSED),
            BindState.BOUND, Map.of(Event.LOST, DISCONNECTED, Event.CLOSE, UNBINDING),
            UNBINDING, Map.of(Event.UNBOUND, CLOSED, Event.LOST, CLOSED),
            CLOSED, Map.of()));

    @Test
    void everyStateAndEventLeadWhereTheTableSays() {
        for (BindState from : BindState.values()) {
            for (Event event : Event.values()) {
                BindState expected = MOVES.get(from).getOrDefault(event, from);
                assertThat(from.on(event)).as(from + " on " + event).isEqualTo(expected);
            }
        }
    }

    @Test
    void onlyABoundBindTakesSubmits() {
        for (BindState s : BindState.values()) {
            assertThat(s.takesSubmits()).as(s.name()).isEqualTo(s == BindState.BOUND);
        }
    }

    @Test
    void closedIsForGood() {
        for (Event event : Event.values()) {
            assertThat(CLOSED.on(event)).isEqualTo(CLOSED);
        }
    }
}
