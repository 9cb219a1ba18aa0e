package dev.parley.server.smpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DeliverSm;
import org.junit.jupiter.api.Test;

/**
 * What Parley owes an SMPP client survives a restart: a handset's message to a number routed to a credential, queued
 * while no bind was up, arrives once the client binds to the restarted Parley.
 */
class SmppDeliveryRestartTest {

    @Test
    void aDeliveryQueuedWithoutABindSurvivesARestart() throws Exception {
        try (SmscHarness parley = new SmscHarness()) {
            String systemId = parley.credential("keep1", Map.of());
            String number = parley.number("smpp://" + systemId);
            assertThat(parley.post("/parley/v1/Simulator/Messages", Map.of("From", "+17135550142", "To", number,
                    "Body", "kept across a restart")).status()).isEqualTo(201);
            // The 201 means the message and its smpp.deliver job committed together; no bind is up to take it.
            assertThat(parley.server().smppSessions()).isZero();

            parley.restart();

            try (SmppClients.Client client = SmppClients.bind(parley.smppPort(), BindType.BIND_TRX, systemId,
                    "keep1")) {
                DeliverSm mo = await("the queued deliver_sm").atMost(Duration.ofSeconds(60))
                        .until(() -> client.received().stream().findFirst(), Optional::isPresent).orElseThrow();
                assertThat(new String(mo.getShortMessage(), StandardCharsets.US_ASCII))
                        .isEqualTo("kept across a restart");
                assertThat(mo.getSourceAddr()).isEqualTo("17135550142");
            }
        }
    }
}
