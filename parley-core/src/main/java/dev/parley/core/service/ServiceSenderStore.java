package dev.parley.core.service;

import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import java.util.List;
import java.util.Optional;

/**
 * Persistence of a Messaging Service's senders beside its phone numbers: short codes, alpha senders (AlphaSenders and
 * DestinationAlphaSenders) and channel senders; always scoped by account. Every method runs inside the caller's
 * transaction. Lists are newest first; the {@code all…} reads give what sender selection chooses from, oldest first.
 */
public interface ServiceSenderStore {

    /** @return false when the short code is already in a service (this one or another); nothing is written then. */
    boolean addShortCode(ServiceShortCode entry);

    Optional<ServiceShortCode> findShortCode(String accountSid, String serviceSid, String shortCodeSid);

    /** The service entry of a short code, whichever service holds it. */
    Optional<ServiceShortCode> serviceOfShortCode(String accountSid, String shortCodeSid);

    Page<ServiceShortCode> listShortCodes(String accountSid, String serviceSid, PageRequest page);

    List<ServiceShortCode> allShortCodes(String accountSid, String serviceSid);

    boolean removeShortCode(String accountSid, String serviceSid, String shortCodeSid);

    /** Removes a short code from whichever service holds it (the short code was released). */
    void removeShortCodeEverywhere(String accountSid, String shortCodeSid);

    /** @return false when the service already has an alpha sender in that {@link AlphaSender#slot()}. */
    boolean addAlphaSender(AlphaSender sender);

    /** An AlphaSender ({@code destination} false) or DestinationAlphaSender ({@code destination} true). */
    Optional<AlphaSender> findAlphaSender(String accountSid, String serviceSid, boolean destination, String sid);

    /** {@code isoCountryCode} (null: any) filters DestinationAlphaSenders by country. */
    Page<AlphaSender> listAlphaSenders(String accountSid, String serviceSid, boolean destination,
            String isoCountryCode, PageRequest page);

    /** Both kinds. */
    List<AlphaSender> allAlphaSenders(String accountSid, String serviceSid);

    boolean removeAlphaSender(String accountSid, String serviceSid, boolean destination, String sid);

    /** @return false when the number is already a channel sender of a service (this one or another). */
    boolean addChannelSender(ChannelSender sender);

    Optional<ChannelSender> findChannelSender(String accountSid, String serviceSid, String phoneNumberSid);

    /** The channel sender entry of a number, whichever service holds it. */
    Optional<ChannelSender> serviceOfChannelSender(String accountSid, String phoneNumberSid);

    Page<ChannelSender> listChannelSenders(String accountSid, String serviceSid, PageRequest page);

    List<ChannelSender> allChannelSenders(String accountSid, String serviceSid);

    boolean removeChannelSender(String accountSid, String serviceSid, String phoneNumberSid);

    /** Removes every sender of a service (the service was deleted). */
    void removeService(String accountSid, String serviceSid);
}
