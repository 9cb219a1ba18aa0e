package dev.parley.core.simulator;

import dev.parley.core.message.Message;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;

/**
 * What simulated handsets received from other handsets of a group MMS: the carrier's own deliveries between handsets,
 * which are no message of the account (they are not in its Messages list). Each is kept as a {@link Message} seen
 * from the receiving handset: {@code to} is that handset, direction {@code inbound}, status {@code received}, with
 * the group's other recipients. Every method runs inside the caller's transaction.
 */
public interface HandsetInboxStore {

    void insert(Message delivered);

    /** What {@code handset} received from other handsets, newest first. */
    Page<Message> list(String accountSid, String handset, PageRequest page);
}
