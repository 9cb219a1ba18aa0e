package dev.parley.core.optout;

/**
 * What an inbound keyword asks for: {@link #STOP} blocks further messages from the number to the
 * sender, {@link #START} lifts that block, {@link #HELP} changes nothing and only earns a reply.
 */
public enum OptOutType {
    STOP,
    START,
    HELP
}
