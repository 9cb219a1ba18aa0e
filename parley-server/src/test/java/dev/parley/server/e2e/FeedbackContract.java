package dev.parley.server.e2e;

import static dev.parley.server.e2e.ConversationsContract.assertCode;
import static dev.parley.server.e2e.Fixtures.phone;
import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.Account;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.message.Feedback;
import dev.parley.testing.OpenApiSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Message Feedback ({@code /Messages/{Sid}/Feedback.json}): asked for with {@code ProvideFeedback=true} on create,
 * posted through Twilio's SDK, stored, and linked from the message only when it exists.
 */
interface FeedbackContract {

    Parley parley();

    @Test
    default void feedbackAskedForOnCreateIsUnconfirmedThenConfirmedThroughTheSdk() {
        TwilioRestClient client = parley().client();
        IncomingPhoneNumber number = Fixtures.number(client, null, null);
        Message message = Message.creator(phone(Fixtures.handset()), number.getPhoneNumber(), "Your code is 123456")
                .setProvideFeedback(true).create(client);
        String uri = "/2010-04-01/Accounts/" + Parley.ACCOUNT_SID + "/Messages/" + message.getSid();
        assertThat(message.getSubresourceUris()).containsEntry("feedback", uri + "/Feedback.json");

        Parley.Answer before = parley().get(uri + "/Feedback.json");
        assertThat(before.status()).isEqualTo(200);
        assertThat(before.json().get("outcome").asText()).isEqualTo("unconfirmed");
        OpenApiSpec.api2010().assertConforms("api.v2010.account.message.message_feedback", before.json());

        Feedback confirmed = Feedback.creator(message.getSid()).setOutcome(Feedback.Outcome.CONFIRMED).create(client);
        assertThat(confirmed.getOutcome()).isEqualTo(Feedback.Outcome.CONFIRMED);
        assertThat(confirmed.getMessageSid()).isEqualTo(message.getSid());
        assertThat(confirmed.getAccountSid()).isEqualTo(Parley.ACCOUNT_SID);
        assertThat(confirmed.getUri()).isEqualTo(uri + "/Feedback.json");
        assertThat(confirmed.getDateCreated()).isNotNull();
        assertThat(confirmed.getDateUpdated()).isNotNull();

        Parley.Answer after = parley().get(uri + "/Feedback.json");
        assertThat(after.json().get("outcome").asText()).isEqualTo("confirmed");
        assertThat(after.json().get("date_created").asText()).isEqualTo(before.json().get("date_created").asText());
        // Posting again replaces the outcome: the last report stands.
        assertThat(Feedback.creator(message.getSid()).setOutcome(Feedback.Outcome.UNCONFIRMED).create(client)
                .getOutcome()).isEqualTo(Feedback.Outcome.UNCONFIRMED);
        assertThat(parley().get(uri + "/Feedback.json").json().get("outcome").asText()).isEqualTo("unconfirmed");
    }

    @Test
    default void feedbackIsRefusedForAMessageThatDidNotAskForItAndForABadOutcome() {
        TwilioRestClient client = parley().client();
        IncomingPhoneNumber number = Fixtures.number(client, null, null);
        Message plain = Message.creator(phone(Fixtures.handset()), number.getPhoneNumber(), "no feedback").create(client);
        assertThat(plain.getSubresourceUris()).doesNotContainKey("feedback").containsKey("media");
        assertCode(() -> Feedback.creator(plain.getSid()).setOutcome(Feedback.Outcome.CONFIRMED).create(client),
                20404, 404);
        String uri = "/2010-04-01/Accounts/" + Parley.ACCOUNT_SID + "/Messages/" + plain.getSid();
        assertThat(parley().get(uri + "/Feedback.json").status()).isEqualTo(404);
        assertCode(() -> Feedback.creator("SM" + "0".repeat(32)).create(client), 20404, 404);

        Message asked = Message.creator(phone(Fixtures.handset()), number.getPhoneNumber(), "code 42")
                .setProvideFeedback(true).create(client);
        String askedUri = "/2010-04-01/Accounts/" + Parley.ACCOUNT_SID + "/Messages/" + asked.getSid()
                + "/Feedback.json";
        Parley.Answer refused = parley().post(askedUri, Map.of("Outcome", "delivered"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("code").asInt()).isEqualTo(20001);
        // The refusal changed nothing.
        assertThat(parley().get(askedUri).json().get("outcome").asText()).isEqualTo("unconfirmed");
    }

    @Test
    default void anotherAccountCannotReachAMessagesFeedback() {
        TwilioRestClient client = parley().client();
        IncomingPhoneNumber number = Fixtures.number(client, null, null);
        Message message = Message.creator(phone(Fixtures.handset()), number.getPhoneNumber(), "mine")
                .setProvideFeedback(true).create(client);
        Account other = Account.creator().setFriendlyName("feedback stranger").create(client);
        TwilioRestClient stranger = parley().client(other.getSid(), other.getAuthToken());
        assertCode(() -> Feedback.creator(message.getSid()).setOutcome(Feedback.Outcome.CONFIRMED).create(stranger),
                20404, 404);
        String uri = "/2010-04-01/Accounts/" + Parley.ACCOUNT_SID + "/Messages/" + message.getSid() + "/Feedback.json";
        assertThat(parley().get(uri).json().get("outcome").asText()).isEqualTo("unconfirmed");
    }
}
