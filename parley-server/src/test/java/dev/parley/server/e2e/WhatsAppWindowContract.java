package dev.parley.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.rest.conversations.v1.conversation.Participant;
import com.twilio.rest.conversations.v1.conversation.message.DeliveryReceipt;
import com.twilio.rest.conversations.v1.conversation.message.DeliveryReceipt.DeliveryStatus;
import com.twilio.type.PhoneNumber;
import dev.parley.testing.WebhookReceiver;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * WhatsApp's 24-hour customer-service window on the simulator, which enforces it as the Cloud API does: a free-form
 * message to a user who has not written to the sender within 24 hours fails with Twilio's 63016 when it is sent, and
 * reaches no handset; the user's message opens the window, for that sender only; a conversation's WhatsApp
 * participant outside the window gets a failed receipt with the code.
 */
interface WhatsAppWindowContract {

    Parley parley();

    WebhookReceiver receiver();

    String OUTSIDE_WINDOW_TEXT = "Failed to send freeform message because you are outside the allowed window."
            + " If you are using WhatsApp, please use a Message Template.";

    /** A fresh number of the main account, made a WhatsApp sender on the simulator. */
    private IncomingPhoneNumber whatsAppSender() {
        IncomingPhoneNumber number = Fixtures.number(parley().client(), null, null);
        Parley.Answer enabled = parley().post("/2010-04-01/Accounts/" + Parley.ACCOUNT_SID + "/IncomingPhoneNumbers/"
                + number.getSid() + ".json", Map.of("WhatsAppChannel", "simulator"));
        assertThat(enabled.status()).as(enabled.json().toString()).isEqualTo(200);
        return number;
    }

    private static String wa(Object e164) {
        return "whatsapp:" + e164;
    }

    private void userWrites(String user, String sender, String body) {
        Parley.Answer sent = parley().post("/parley/v1/Simulator/Messages", Map.of("From", user, "To", sender,
                "Body", body));
        assertThat(sent.status()).as(sent.json().toString()).isEqualTo(201);
    }

    private Message awaitFinal(String sid) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> Message.fetcher(sid).fetch(parley().client()),
                m -> m.getStatus() == Message.Status.FAILED || m.getStatus() == Message.Status.DELIVERED);
    }

    /**
     * The handset's simulator inbox, newest first, as "body: status": every message the account addressed to it, a
     * message the window stopped shown {@code failed}.
     */
    private List<String> inbox(String handset) {
        List<String> bodies = new ArrayList<>();
        parley().get("/parley/v1/Simulator/Handsets/" + handset.replace("+", "%2B") + "/Messages").json()
                .get("messages").forEach(m -> bodies.add(m.get("body").asText() + ": " + m.get("status").asText()));
        return bodies;
    }

    @Test
    default void aFreeFormMessageBeforeTheUserWroteFailsWith63016WhenSent() {
        String sender = wa(whatsAppSender().getPhoneNumber());
        String user = wa(Fixtures.handset());
        String callback = "/wa-window/" + System.nanoTime();

        Message created = Message.creator(new PhoneNumber(user), new PhoneNumber(sender), "Hello, first!")
                .setStatusCallback(URI.create(receiver().url(callback))).create(parley().client());
        // Accepted by the API, as on Twilio: the window is checked when the message is sent.
        assertThat(created.getStatus()).isEqualTo(Message.Status.QUEUED);

        Message failed = awaitFinal(created.getSid());
        assertThat(failed.getStatus()).isEqualTo(Message.Status.FAILED);
        assertThat(failed.getErrorCode()).isEqualTo(63016);
        assertThat(failed.getErrorMessage()).isEqualTo(OUTSIDE_WINDOW_TEXT);
        assertThat(failed.getDateSent()).isNull();
        WebhookReceiver.ReceivedRequest post = receiver().awaitRequests(callback, 1, Duration.ofSeconds(10))
                .getFirst();
        assertThat(post.singleFormParams()).containsEntry("MessageStatus", "failed").containsEntry("ErrorCode", "63016")
                .containsEntry("MessageSid", created.getSid());
        assertThat(inbox(user)).containsExactly("Hello, first!: failed");
    }

    @Test
    default void theUsersMessageOpensTheWindowForThatSenderFor24Hours() {
        String sender = wa(whatsAppSender().getPhoneNumber());
        String otherNumber = whatsAppSender().getPhoneNumber().toString();
        String handset = Fixtures.handset();
        String user = wa(handset);

        userWrites(user, sender, "Hi, I have a question");
        Message reply = Message.creator(new PhoneNumber(user), new PhoneNumber(sender), "Ask away")
                .create(parley().client());
        assertThat(awaitFinal(reply.getSid()).getStatus()).isEqualTo(Message.Status.DELIVERED);
        // The window is the pair's: the account's other WhatsApp sender has none with this user, and the user's SMS
        // to that number opens none.
        userWrites(handset, otherNumber, "by SMS");
        Message fromOther = Message.creator(new PhoneNumber(user), new PhoneNumber(wa(otherNumber)), "Also us")
                .create(parley().client());
        assertThat(awaitFinal(fromOther.getSid()).getErrorCode()).isEqualTo(63016);
        // SMS is not concerned: a number writes by SMS to a handset that never wrote.
        Message sms = Message.creator(new PhoneNumber(Fixtures.handset()), new PhoneNumber(otherNumber), "By SMS")
                .create(parley().client());
        assertThat(awaitFinal(sms.getSid()).getStatus()).isEqualTo(Message.Status.DELIVERED);
        assertThat(inbox(user)).containsExactly("Also us: failed", "Ask away: delivered");

        // 24 hours after the user's last message the window has closed.
        parley().advance(Duration.ofHours(24));
        Message late = Message.creator(new PhoneNumber(user), new PhoneNumber(sender), "Still there?")
                .create(parley().client());
        Message lateFailed = awaitFinal(late.getSid());
        assertThat(lateFailed.getStatus()).isEqualTo(Message.Status.FAILED);
        assertThat(lateFailed.getErrorCode()).isEqualTo(63016);

        // The user writes again: open again.
        userWrites(user, sender, "Yes");
        Message again = Message.creator(new PhoneNumber(user), new PhoneNumber(sender), "Great")
                .create(parley().client());
        assertThat(awaitFinal(again.getSid()).getStatus()).isEqualTo(Message.Status.DELIVERED);
        assertThat(inbox(user)).containsExactly("Great: delivered", "Still there?: failed", "Also us: failed",
                "Ask away: delivered");
    }

    @Test
    default void aWhatsAppParticipantOutsideTheWindowGetsAFailedReceiptUntilTheyWrite() {
        IncomingPhoneNumber proxy = whatsAppSender();
        String proxyNumber = proxy.getPhoneNumber().toString();
        String user = wa(Fixtures.handset());
        String smsUser = Fixtures.handset();
        Conversation c = Conversation.creator().setFriendlyName("window").create(parley().client());
        Participant whatsApp = Participant.creator(c.getSid()).setMessagingBindingAddress(user)
                .setMessagingBindingProxyAddress(wa(proxyNumber)).create(parley().client());
        Participant sms = Participant.creator(c.getSid()).setMessagingBindingAddress(smsUser)
                .setMessagingBindingProxyAddress(proxyNumber).create(parley().client());

        var first = com.twilio.rest.conversations.v1.conversation.Message.creator(c.getSid()).setAuthor("agent")
                .setBody("Your order shipped").create(parley().client());
        Map<String, DeliveryReceipt> receipts = awaitFinalReceipts(c.getSid(), first.getSid(), 2);
        DeliveryReceipt refused = receipts.get(whatsApp.getSid());
        assertThat(refused.getStatus()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(refused.getErrorCode()).isEqualTo(63016);
        // The copy is a real message that failed, as the Messaging layer shows it.
        Message copy = Message.fetcher(refused.getChannelMessageSid()).fetch(parley().client());
        assertThat(copy.getStatus()).isEqualTo(Message.Status.FAILED);
        assertThat(copy.getErrorCode()).isEqualTo(63016);
        assertThat(receipts.get(sms.getSid()).getStatus()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(inbox(user)).containsExactly("Your order shipped: failed");

        // The user writes into the conversation: the window opens and the next message reaches them.
        userWrites(user, wa(proxyNumber), "Where is it?");
        List<String> bodies = new ArrayList<>();
        com.twilio.rest.conversations.v1.conversation.Message.reader(c.getSid()).read(parley().client())
                .forEach(m -> bodies.add(m.getBody()));
        assertThat(bodies).containsExactly("Your order shipped", "Where is it?");
        var second = com.twilio.rest.conversations.v1.conversation.Message.creator(c.getSid()).setAuthor("agent")
                .setBody("On its way").create(parley().client());
        assertThat(awaitFinalReceipts(c.getSid(), second.getSid(), 2).get(whatsApp.getSid()).getStatus())
                .isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(inbox(user)).containsExactly("On its way: delivered", "Your order shipped: failed");
    }

    private Map<String, DeliveryReceipt> awaitFinalReceipts(String conversation, String message, int count) {
        return await().atMost(Duration.ofSeconds(15)).until(() -> {
            Map<String, DeliveryReceipt> byParticipant = new java.util.HashMap<>();
            DeliveryReceipt.reader(conversation, message).read(parley().client())
                    .forEach(r -> byParticipant.put(r.getParticipantSid(), r));
            return byParticipant;
        }, all -> all.size() == count && all.values().stream().allMatch(r -> r.getStatus() != null
                && r.getStatus() != DeliveryStatus.SENT));
    }
}
