package dev.parley.server.smpp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;

/** jSMPP's ESME side as an SMPP application binding to Parley: binds, submits, and the deliver_sm it receives. */
final class SmppClients {
    private SmppClients() {
    }

    /** A bound client and every deliver_sm it was sent (each answered ESME_ROK). */
    record Client(SMPPSession session, List<DeliverSm> received) implements AutoCloseable {
        String submit(String from, String to, String text, boolean receipt) throws Exception {
            byte ton = from.matches("\\+?[0-9]+") ? TypeOfNumber.INTERNATIONAL.value()
                    : TypeOfNumber.ALPHANUMERIC.value();
            return session.submitShortMessage("", TypeOfNumber.valueOf(ton), NumberingPlanIndicator.ISDN,
                    from.replace("+", ""), TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN,
                    to.replace("+", ""), new ESMClass(), (byte) 0, (byte) 0, null, null,
                    new RegisteredDelivery(receipt ? 1 : 0), (byte) 0, DataCodings.ZERO, (byte) 0,
                    text.getBytes(StandardCharsets.ISO_8859_1)).getMessageId();
        }

        /** A submit_sm with the given esm_class, data_coding and short_message octets (a part with its UDH). */
        String submitPart(String from, String to, byte esmClass, byte dataCoding, byte[] shortMessage)
                throws Exception {
            return session.submitShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN,
                    from.replace("+", ""), TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN,
                    to.replace("+", ""), new ESMClass(esmClass), (byte) 0, (byte) 0, null, null,
                    new RegisteredDelivery(1), (byte) 0, DataCodings.newInstance(dataCoding), (byte) 0,
                    shortMessage).getMessageId();
        }

        @Override
        public void close() {
            session.unbindAndClose();
        }
    }

    static Client bind(int port, BindType type, String systemId, String password) throws IOException {
        List<DeliverSm> received = new CopyOnWriteArrayList<>();
        SMPPSession session = new SMPPSession();
        session.setMessageReceiverListener(new MessageReceiverListener() {
            @Override
            public void onAcceptDeliverSm(DeliverSm deliverSm) {
                received.add(deliverSm);
            }

            @Override
            public void onAcceptAlertNotification(AlertNotification alertNotification) {
            }

            @Override
            public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) {
                return null;
            }
        });
        session.connectAndBind("127.0.0.1", port, new BindParameter(type, systemId, password, "",
                TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null));
        return new Client(session, received);
    }

    /** The command_status a bind was refused with; fails the test if it was accepted. */
    static int refusedBind(int port, String systemId, String password) {
        try (Client c = bind(port, BindType.BIND_TRX, systemId, password)) {
            throw new AssertionError("bind of " + systemId + " accepted");
        } catch (IOException e) {
            Throwable t = e;
            while (t != null && !(t instanceof NegativeResponseException)) {
                t = t.getCause();
            }
            if (t == null) {
                throw new AssertionError("bind failed without a bind_resp status", e);
            }
            return ((NegativeResponseException) t).getCommandStatus();
        }
    }
}
