package dev.parley.core.simulator;

import java.util.Optional;

/** Behaviour of simulated handsets, per account and number. No row means {@link HandsetBehavior#DEFAULT}. */
public interface HandsetStore {

    Optional<HandsetBehavior> find(String accountSid, String number);

    void put(String accountSid, String number, HandsetBehavior behavior);
}
