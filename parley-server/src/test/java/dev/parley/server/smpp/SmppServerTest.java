package dev.parley.server.smpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.extra.NegativeResponseException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Parley's SMPP server against jSMPP's ESME on loopback: {@code /parley/v1/SmppCredentials}, binds refused with the
 * status ADR 0026 gives, a submit that becomes a Parley message with its receipt back as deliver_sm, refusals that
 * create nothing, the credential's rate and window (a whole window sent at once is never throttled), and inbound
 * messages routed by {@code smpp://} (queued while no bind is up).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SmppServerTest {
    private static final String CREDENTIALS = "/parley/v1/SmppCredentials";
    private SmscHarness parley;

    @BeforeAll
    void start() {
        parley = new SmscHarness();
    }

    @AfterAll
    void stop() {
        parley.close();
    }

    private String metrics() throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(parley.base() + "/metrics")).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String handset() {
        return "+1303555" + String.format("%04d", ThreadLocalRandom.current().nextInt(10_000));
    }

    @Test
    void credentialsAreCreatedListedUpdatedAndDeletedWithoutEverShowingThePassword() {
        String systemId = "api" + ThreadLocalRandom.current().nextInt(1_000_000);
        SmscHarness.Answer created = parley.post(CREDENTIALS, Map.of("SystemId", systemId, "Password", "pw123456",
                "AllowedNetworks", "127.0.0.0/8, ::1", "MaxSubmitsPerSecond", "50", "FriendlyName", "billing app"));
        assertThat(created.status()).isEqualTo(201);
        JsonNode c = created.json();
        assertThat(c.get("sid").asText()).matches("CR[0-9a-f]{32}");
        assertThat(c.get("system_id").asText()).isEqualTo(systemId);
        assertThat(c.get("window").asInt()).isEqualTo(10);
        assertThat(c.get("max_submits_per_second").asInt()).isEqualTo(50);
        assertThat(c.get("allowed_networks").toString()).isEqualTo("[\"127.0.0.0/8\",\"::1/128\"]");
        assertThat(created.json().toString()).doesNotContain("pw123456").doesNotContain("pbkdf2")
                .doesNotContainIgnoringCase("password");

        SmscHarness.Answer duplicate = parley.post(CREDENTIALS, Map.of("SystemId", systemId, "Password", "other"));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.json().get("code").asInt()).isEqualTo(20409);
        assertThat(parley.post(CREDENTIALS, Map.of("SystemId", "x" + systemId, "Password", "123456789")).json()
                .get("code").asInt()).isEqualTo(20001);
        assertThat(parley.post(CREDENTIALS, Map.of("SystemId", "y" + systemId, "Password", "p", "Window", "0"))
                .status()).isEqualTo(400);
        assertThat(parley.post(CREDENTIALS, Map.of("SystemId", "z" + systemId, "Password", "p",
                "AllowedNetworks", "10.0.0.0/33")).json().get("code").asInt()).isEqualTo(20001);
        assertThat(parley.post(CREDENTIALS, Map.of("SystemId", "a-system-id-too-long", "Password", "p")).status())
                .isEqualTo(400);

        SmscHarness.Answer updated = parley.post(CREDENTIALS + "/" + systemId, Map.of("Window", "25"));
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("window").asInt()).isEqualTo(25);
        assertThat(parley.get(CREDENTIALS + "/" + c.get("sid").asText()).json().get("window").asInt())
                .isEqualTo(25);
        JsonNode list = parley.get(CREDENTIALS + "?PageSize=50").json();
        assertThat(list.get("smpp_credentials").findValuesAsText("system_id")).contains(systemId);

        // Another account sees none of it.
        JsonNode sub = parley.post("/2010-04-01/Accounts.json", Map.of("FriendlyName", "other")).json();
        SmscHarness.Answer foreign = parley.get(CREDENTIALS + "/" + systemId, sub.get("sid").asText(),
                sub.get("auth_token").asText());
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.json().get("code").asInt()).isEqualTo(20404);
        assertThat(parley.post(CREDENTIALS + "/" + systemId, Map.of("Window", "3"), sub.get("sid").asText(),
                sub.get("auth_token").asText()).status()).isEqualTo(404);

        assertThat(parley.delete(CREDENTIALS + "/" + systemId).status()).isEqualTo(204);
        assertThat(parley.get(CREDENTIALS + "/" + systemId).status()).isEqualTo(404);
    }

    @Test
    void bindsAreRefusedWithTheStatusThatSaysWhy() {
        int port = parley.smppPort();
        String systemId = parley.credential("right1", Map.of());
        assertThat(SmppClients.refusedBind(port, "nosuch" + systemId.substring(3), "right1"))
                .isEqualTo(SMPPConstant.STAT_ESME_RINVSYSID);
        assertThat(SmppClients.refusedBind(port, systemId, "wrong1")).isEqualTo(SMPPConstant.STAT_ESME_RINVPASWD);
        String fenced = parley.credential("right1", Map.of("AllowedNetworks", "10.0.0.0/8,2001:db8::/32"));
        assertThat(SmppClients.refusedBind(port, fenced, "right1")).isEqualTo(SMPPConstant.STAT_ESME_RBINDFAIL);

        JsonNode sub = parley.post("/2010-04-01/Accounts.json", Map.of("FriendlyName", "suspended")).json();
        String subSystemId = "sus" + ThreadLocalRandom.current().nextInt(1_000_000);
        assertThat(parley.post(CREDENTIALS, Map.of("SystemId", subSystemId, "Password", "right1", "AccountSid",
                sub.get("sid").asText())).status()).isEqualTo(201);
        assertThat(parley.post("/2010-04-01/Accounts/" + sub.get("sid").asText() + ".json",
                Map.of("Status", "suspended")).status()).isEqualTo(200);
        assertThat(SmppClients.refusedBind(port, subSystemId, "right1")).isEqualTo(SMPPConstant.STAT_ESME_RINVSYSID);
        await("refused sessions closed").atMost(Duration.ofSeconds(10))
                .until(() -> parley.server().smppSessions() == 0);
    }

    @Test
    void aSubmitBecomesAMessageAndItsReceiptComesBackAsDeliverSm() throws Exception {
        String systemId = parley.credential("pass1", Map.of());
        String number = parley.number(null);
        String to = handset();
        try (SmppClients.Client client = SmppClients.bind(parley.smppPort(), BindType.BIND_TRX, systemId, "pass1")) {
            String id = client.submit(number, to, "Hello over SMPP", true);
            assertThat(id).matches("SM[0-9a-f]{32}");
            JsonNode message = parley.get("/2010-04-01/Accounts/" + SmscHarness.ACCOUNT_SID + "/Messages/" + id
                    + ".json").json();
            assertThat(message.get("body").asText()).isEqualTo("Hello over SMPP");
            assertThat(message.get("from").asText()).isEqualTo(number);
            assertThat(message.get("to").asText()).isEqualTo(to);
            assertThat(message.get("direction").asText()).isEqualTo("outbound-api");

            DeliverSm receipt = await("receipt").atMost(Duration.ofSeconds(20))
                    .until(() -> client.received().stream().filter(DeliverSm::isSmscDeliveryReceipt).findFirst(),
                            java.util.Optional::isPresent).orElseThrow();
            String text = new String(receipt.getShortMessage(), java.nio.charset.StandardCharsets.US_ASCII);
            assertThat(text).startsWith("id:" + id + " sub:001 dlvrd:001 submit date:")
                    .endsWith(" stat:DELIVRD err:000 text:Hello over SMPP");
            assertThat(((OptionalParameter.Receipted_message_id) receipt.getOptionalParameter(
                    OptionalParameter.Tag.RECEIPTED_MESSAGE_ID)).getValueAsString()).isEqualTo(id);
            assertThat(((OptionalParameter.Message_state) receipt.getOptionalParameter(
                    OptionalParameter.Tag.MESSAGE_STATE)).getValue()).isEqualTo((byte) 2);
            assertThat(receipt.getSourceAddr()).isEqualTo(to.substring(1));
            assertThat(metrics()).containsPattern("parley_smpp_server_binds [1-9]");
            assertThat(receipt.getDestAddress()).isEqualTo(number.substring(1));
        }
    }

    /** UDH (8-bit reference) and a UCS-2 text: one part of a concatenated submit. */
    private static byte[] part(int ref, int total, int seq, String text) {
        byte[] udh = {5, 0, 3, (byte) ref, (byte) total, (byte) seq};
        byte[] body = text.getBytes(java.nio.charset.StandardCharsets.UTF_16BE);
        byte[] out = java.util.Arrays.copyOf(udh, udh.length + body.length);
        System.arraycopy(body, 0, out, udh.length, body.length);
        return out;
    }

    @Test
    void aConcatenatedSubmitOverTwoBindsInAnyOrderIsOneMessageWithAReceiptPerPart() throws Exception {
        String systemId = parley.credential("pass5", Map.of());
        String number = parley.number(null);
        String to = handset();
        String first = "Часть первая, ";
        String second = "часть вторая ✓";
        try (SmppClients.Client a = SmppClients.bind(parley.smppPort(), BindType.BIND_TRX, systemId, "pass5");
                SmppClients.Client b = SmppClients.bind(parley.smppPort(), BindType.BIND_TRX, systemId, "pass5")) {
            String id2 = b.submitPart(number, to, (byte) 0x40, (byte) 8, part(77, 2, 2, second));
            assertThat(id2).matches("SP[0-9a-f]{32}");
            assertThat(parley.messagesTo(to)).isEmpty();
            String id1 = a.submitPart(number, to, (byte) 0x40, (byte) 8, part(77, 2, 1, first));
            assertThat(id1).matches("SP[0-9a-f]{32}").isNotEqualTo(id2);

            JsonNode messages = parley.messagesTo(to);
            assertThat(messages.size()).isEqualTo(1);
            assertThat(messages.get(0).get("body").asText()).isEqualTo(first + second);
            assertThat(messages.get(0).get("direction").asText()).isEqualTo("outbound-api");
            // One receipt per part, each naming its part's id, on either bind of the credential.
            await("a receipt per part").atMost(Duration.ofSeconds(20)).until(() -> receiptIds(a, b).size() == 2);
            assertThat(receiptIds(a, b)).containsExactlyInAnyOrder(id1, id2);
        }
    }

    private static java.util.List<String> receiptIds(SmppClients.Client... clients) {
        return java.util.Arrays.stream(clients).flatMap(c -> c.received().stream())
                .filter(DeliverSm::isSmscDeliveryReceipt)
                .map(d -> ((OptionalParameter.Receipted_message_id) d.getOptionalParameter(
                        OptionalParameter.Tag.RECEIPTED_MESSAGE_ID)).getValueAsString())
                .toList();
    }

    @Test
    void aNewPasswordEndsTheCredentialsBindsAndOnlyItBindsAgain() throws Exception {
        String systemId = parley.credential("old1", Map.of());
        SmppClients.Client client = SmppClients.bind(parley.smppPort(), BindType.BIND_TRX, systemId, "old1");
        assertThat(parley.post(CREDENTIALS + "/" + systemId, Map.of("Password", "new1")).status()).isEqualTo(200);
        await("the old bind is closed").atMost(Duration.ofSeconds(10))
                .until(() -> !client.session().getSessionState().isBound());
        client.close();
        assertThat(SmppClients.refusedBind(parley.smppPort(), systemId, "old1"))
                .isEqualTo(SMPPConstant.STAT_ESME_RINVPASWD);
        try (SmppClients.Client again = SmppClients.bind(parley.smppPort(), BindType.BIND_TRX, systemId, "new1")) {
            assertThat(again.session().getSessionState().isBound()).isTrue();
        }
    }

    @Test
    void refusedSubmitsGetTheMappedStatusAndCreateNothing() throws Exception {
        String systemId = parley.credential("pass2", Map.of());
        String number = parley.number(null);
        String to = handset();
        try (SmppClients.Client client = SmppClients.bind(parley.smppPort(), BindType.BIND_TX, systemId, "pass2")) {
            // A number the account does not own (21606; outside the 555 exchange numbers are drawn from): refused.
            NegativeResponseException notOwned = catchThrowableOfType(NegativeResponseException.class,
                    () -> client.submit("+14152220100", to, "x", false));
            assertThat(notOwned.getCommandStatus()).isEqualTo(SMPPConstant.STAT_ESME_RINVSRCADR);
            NegativeResponseException badTo = catchThrowableOfType(NegativeResponseException.class,
                    () -> client.submit(number, "12", "x", false));
            assertThat(badTo.getCommandStatus()).isEqualTo(SMPPConstant.STAT_ESME_RINVDSTADR);
            NegativeResponseException empty = catchThrowableOfType(NegativeResponseException.class,
                    () -> client.submit(number, to, "", false));
            assertThat(empty.getCommandStatus()).isEqualTo(SMPPConstant.STAT_ESME_RINVMSGLEN);
        }
        assertThat(parley.messagesTo(to)).isEmpty();
    }

    @Test
    void aClientWithinItsCredentialsWindowIsNeverThrottled() throws Exception {
        int window = 600;
        String systemId = parley.credential("wide1", Map.of("Window", String.valueOf(window)));
        String number = parley.number(null);
        try (SmppClients.Client client = SmppClients.bind(parley.smppPort(), BindType.BIND_TRX, systemId, "wide1");
                ExecutorService tasks = Executors.newVirtualThreadPerTaskExecutor()) {
            client.session().setTransactionTimer(60_000); // what is asserted is the answer, not how soon it came
            // The whole window at once: far more submits than Parley can store at a time wait for it, read and queued.
            List<Future<String>> submits = new ArrayList<>();
            for (int i = 0; i < window; i++) {
                String to = "+1303556" + String.format("%04d", i);
                String text = "window " + i;
                submits.add(tasks.submit(() -> client.submit(number, to, text, false)));
            }
            for (Future<String> submit : submits) {
                assertThat(submit.get(60, TimeUnit.SECONDS)).as("answered ESME_ROK, not throttled")
                        .matches("SM[0-9a-f]{32}");
            }
        }
    }

    @Test
    void theCredentialsRateRefusesTheSubmitsPastIt() throws Exception {
        String systemId = parley.credential("pass3", Map.of("MaxSubmitsPerSecond", "1"));
        String number = parley.number(null);
        String to = handset();
        try (SmppClients.Client client = SmppClients.bind(parley.smppPort(), BindType.BIND_TRX, systemId, "pass3")) {
            int throttled = 0;
            for (int i = 0; i < 5; i++) {
                try {
                    client.submit(number, to, "burst " + i, false);
                } catch (NegativeResponseException e) {
                    assertThat(e.getCommandStatus()).isEqualTo(SMPPConstant.STAT_ESME_RTHROTTLED);
                    throttled++;
                }
            }
            assertThat(throttled).isGreaterThanOrEqualTo(3);
            assertThat(parley.messagesTo(to).size()).isEqualTo(5 - throttled);
        }
    }

    @Test
    void inboundMessagesToARoutedNumberWaitForABindThenArriveAsDeliverSm() throws Exception {
        String systemId = parley.credential("pass4", Map.of());
        String number = parley.number("smpp://" + systemId);
        String from = handset();
        // No bind yet: the message is queued.
        assertThat(parley.post("/parley/v1/Simulator/Messages", Map.of("From", from, "To", number, "Body",
                "queued for you")).status()).isEqualTo(201);
        try (SmppClients.Client client = SmppClients.bind(parley.smppPort(), BindType.BIND_RX, systemId, "pass4")) {
            DeliverSm mo = await("queued MO").atMost(Duration.ofSeconds(30)).until(() -> client.received().stream()
                    .filter(d -> !d.isSmscDeliveryReceipt()).findFirst(), java.util.Optional::isPresent).orElseThrow();
            assertThat(new String(mo.getShortMessage(), java.nio.charset.StandardCharsets.US_ASCII))
                    .isEqualTo("queued for you");
            assertThat(mo.getSourceAddr()).isEqualTo(from.substring(1));
            assertThat(mo.getDestAddress()).isEqualTo(number.substring(1));
            // And one that comes while bound, in UCS-2.
            assertThat(parley.post("/parley/v1/Simulator/Messages", Map.of("From", from, "To", number, "Body",
                    "Grüße ✓")).status()).isEqualTo(201);
            DeliverSm second = await("live MO").atMost(Duration.ofSeconds(20)).until(() -> client.received().stream()
                    .filter(d -> d.getDataCoding() == 8).findFirst(), java.util.Optional::isPresent).orElseThrow();
            assertThat(new String(second.getShortMessage(), java.nio.charset.StandardCharsets.UTF_16BE))
                    .isEqualTo("Grüße ✓");
        }
    }
}
