package dev.parley.channels.smpp;

import org.jsmpp.bean.DeliverSm;
import org.jsmpp.extra.ProcessRequestException;

/** Takes a deliver_sm that is not a receipt; returns normally once it is durable (then the bind answers ESME_ROK),
    or throws ProcessRequestException with the command_status to answer. */
public interface SmppMoHandler { void deliver(String channelName, DeliverSm pdu) throws ProcessRequestException; }
