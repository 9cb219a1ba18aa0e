package dev.parley.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.Account;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.conversations.v1.AddressConfiguration;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.rest.conversations.v1.Role;
import com.twilio.rest.conversations.v1.configuration.Webhook;
import com.twilio.rest.conversations.v1.conversation.Message;
import com.twilio.rest.conversations.v1.conversation.Participant;
import dev.parley.core.chat.ChatIdentity;
import dev.parley.core.conversation.ConversationMessage;
import dev.parley.core.error.ApiException;
import dev.parley.testing.WebhookReceiver;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The actions of a web-chat identity on the running server ({@link dev.parley.core.chat.ChatActions}, as the socket
 * calls them), with tokens twilio-java mints from an API key created through the API: a chat message takes the path
 * of an API message to an SMS participant's handset, its hooks fire with Source SDK without X-Twilio-Webhook-Enabled,
 * a retried client message id is stored once, roles refuse. Each test uses a subaccount of its own.
 */
interface ChatActionsContract {

    Parley parley();

    WebhookReceiver receiver();

    /** A subaccount, its client, and the token of {@code identity} in its default service. */
    record World(Account account, TwilioRestClient client, ChatTokens.Key key) {
        ChatIdentity who(Parley parley, String identity) {
            return parley.chat().authenticate(token(parley, key, identity));
        }
    }

    /**
     * A token of {@code identity} for the account's default service, valid an hour of the server's time: minted by
     * twilio-java, unless the shared server's clock is so far ahead (other contracts move it) that twilio-java cannot
     * express the ttl (it multiplies an int number of seconds by 1000 in int arithmetic: past about 24.8 days the
     * expiry wraps into the past); then the same token, header and claims, signed with jjwt as twilio-java does.
     */
    private static String token(Parley parley, ChatTokens.Key key, String identity) {
        Instant serverNow = parley.clock().instant();
        long ttl = Duration.between(Instant.now(), serverNow).toSeconds() + 3600;
        if (ttl * 1000 <= Integer.MAX_VALUE) {
            return ChatTokens.token(parley, key, identity, null);
        }
        return Jwts.builder().header().add("cty", "twilio-fpa;v=1").add("typ", "JWT").and()
                .issuer(key.sid()).subject(key.accountSid()).id(key.sid() + "-" + serverNow.getEpochSecond())
                .expiration(Date.from(serverNow.plusSeconds(3600)))
                .claim("grants", Map.of("identity", identity, "chat", Map.of()))
                .signWith(Keys.hmacShaKeyFor(key.secret().getBytes(StandardCharsets.UTF_8)), Jwts.SIG.HS256)
                .compact();
    }

    private World world(String name) {
        Account sub = Account.creator().setFriendlyName(name).create(parley().client());
        return new World(sub, parley().client(sub.getSid(), sub.getAuthToken()), ChatTokens.key(parley(),
                sub.getSid()));
    }

    private List<JsonNode> inbox(Account owner, String handset) {
        JsonNode messages = parley().get("/parley/v1/Simulator/Handsets/" + handset.replace("+", "%2B")
                + "/Messages", owner.getSid(), owner.getAuthToken()).json().get("messages");
        List<JsonNode> out = new ArrayList<>();
        messages.forEach(out::add);
        return out;
    }

    private static List<Message> history(TwilioRestClient client, String conversationSid) {
        List<Message> all = new ArrayList<>();
        Message.reader(conversationSid).read(client).forEach(all::add);
        return all;
    }

    @Test
    default void aChatMessageReachesAnSmsHandsetWithSdkHooksAndARetryIsStoredOnce() {
        World w = world("chat to sms");
        String hook = "/chat-actions-hooks";
        Webhook.updater().setPreWebhookUrl(receiver().url(hook)).setPostWebhookUrl(receiver().url(hook + "/post"))
                .setFilters(List.of("onMessageAdd", "onMessageAdded", "onMessageUpdate", "onMessageUpdated",
                        "onMessageRemove", "onMessageRemoved")).update(w.client());
        IncomingPhoneNumber number = Fixtures.number(w.client(), null, null);
        String proxy = number.getPhoneNumber().toString();
        String handset = Fixtures.handset();
        Conversation c = Conversation.creator().setFriendlyName("web and sms").create(w.client());
        Participant.creator(c.getSid()).setIdentity("web-visitor").create(w.client());
        Participant.creator(c.getSid()).setMessagingBindingAddress(handset).setMessagingBindingProxyAddress(proxy)
                .create(w.client());
        ChatIdentity who = w.who(parley(), "web-visitor");

        ConversationMessage sent = parley().chat().send(who, c.getSid(), "cm-1", "Hello from the web", null,
                List.of());
        ConversationMessage retried = parley().chat().send(who, c.getSid(), "cm-1", "Hello from the web", null,
                List.of());

        assertThat(retried.sid()).isEqualTo(sent.sid());
        assertThat(history(w.client(), c.getSid())).extracting(Message::getSid).containsExactly(sent.sid());
        Message viaApi = Message.fetcher(c.getSid(), sent.sid()).fetch(w.client());
        assertThat(viaApi.getAuthor()).isEqualTo("web-visitor");
        assertThat(viaApi.getBody()).isEqualTo("Hello from the web");
        await().atMost(Duration.ofSeconds(15)).until(() -> inbox(w.account(), handset).stream().anyMatch(m ->
                m.get("body").asText().equals("Hello from the web") && m.get("from").asText().equals(proxy)));

        Map<String, String> pre = receiver().awaitRequests(hook, 1, Duration.ofSeconds(15)).getFirst()
                .singleFormParams();
        assertThat(pre).containsEntry("EventType", "onMessageAdd").containsEntry("Source", "SDK")
                .containsEntry("Author", "web-visitor").containsEntry("Body", "Hello from the web")
                .containsEntry("ConversationSid", c.getSid());
        Map<String, String> post = receiver().awaitRequests(hook + "/post", 1, Duration.ofSeconds(15)).getFirst()
                .singleFormParams();
        assertThat(post).containsEntry("EventType", "onMessageAdded").containsEntry("Source", "SDK")
                .containsEntry("MessageSid", sent.sid()).containsEntry("Author", "web-visitor");
        // One handset copy: the retried send fanned out nothing more.
        assertThat(inbox(w.account(), handset)).filteredOn(m -> m.get("body").asText().equals("Hello from the web"))
                .hasSize(1);

        // An edit and a delete by the identity ask and fire their hooks with Source SDK too.
        assertThat(parley().chat().edit(who, c.getSid(), sent.sid(), "Hello again", null).body())
                .isEqualTo("Hello again");
        parley().chat().delete(who, c.getSid(), sent.sid());
        assertThat(history(w.client(), c.getSid())).isEmpty();
        assertThat(sources(receiver().awaitRequests(hook, 3, Duration.ofSeconds(15)))).containsExactly(
                "onMessageAdd/SDK", "onMessageUpdate/SDK", "onMessageRemove/SDK");
        assertThat(sources(receiver().awaitRequests(hook + "/post", 3, Duration.ofSeconds(15))))
                .containsExactlyInAnyOrder("onMessageAdded/SDK", "onMessageUpdated/SDK", "onMessageRemoved/SDK");
    }

    /** Each hook call as {@code EventType/Source}, in the order received. */
    private static List<String> sources(List<WebhookReceiver.ReceivedRequest> requests) {
        return requests.stream().map(r -> r.singleFormParams().get("EventType") + "/"
                + r.singleFormParams().get("Source")).toList();
    }

    @Test
    default void rolesAndMembershipRefuseWithTwiliosCodesAndWriteNothing() {
        World w = world("chat roles");
        Conversation c = Conversation.creator().create(w.client());
        Role readOnly = Role.creator("read only", Role.RoleType.CONVERSATION, List.of("leaveConversation"))
                .create(w.client());
        Participant.creator(c.getSid()).setIdentity("reader").setRoleSid(readOnly.getSid()).create(w.client());

        ApiException notAllowed = catchThrowableOfType(ApiException.class, () -> parley().chat().send(
                w.who(parley(), "reader"), c.getSid(), "cm", "hi", null, List.of()));
        ApiException notMember = catchThrowableOfType(ApiException.class, () -> parley().chat().send(
                w.who(parley(), "stranger"), c.getSid(), "cm", "hi", null, List.of()));

        assertThat(notAllowed.code()).isEqualTo(50107);
        assertThat(notAllowed.httpStatus()).isEqualTo(403);
        assertThat(notMember.code()).isEqualTo(50430);
        assertThat(notMember.httpStatus()).isEqualTo(403);
        assertThat(history(w.client(), c.getSid())).isEmpty();
    }

    @Test
    default void aChatIdentityStartsAConversationOnAChatAddressConfiguredThroughTheApi() {
        World w = world("chat address");
        AddressConfiguration config = AddressConfiguration.creator(AddressConfiguration.Type.CHAT, "support")
                .setAutoCreationEnabled(true).setAutoCreationType(AddressConfiguration.AutoCreationType.DEFAULT)
                .create(w.client());
        assertThat(config.getType()).isEqualTo("chat");
        assertThat(config.getAddress()).isEqualTo("support");
        ChatIdentity who = w.who(parley(), "customer-1");

        dev.parley.core.conversation.Conversation started = parley().chat().start(who, "support", "Where is my order?");
        dev.parley.core.conversation.Conversation again = parley().chat().start(who, "support", "Hello?");

        assertThat(again.sid()).isEqualTo(started.sid());
        Conversation viaApi = Conversation.fetcher(started.sid()).fetch(w.client());
        assertThat(viaApi.getChatServiceSid()).isEqualTo(who.chatServiceSid());
        List<String> identities = new ArrayList<>();
        Participant.reader(started.sid()).read(w.client()).forEach(p -> identities.add(p.getIdentity()));
        assertThat(identities).containsExactly("customer-1");
        assertThat(history(w.client(), started.sid())).extracting(Message::getBody)
                .containsExactly("Where is my order?", "Hello?");
        ApiException unknown = catchThrowableOfType(ApiException.class, () -> parley().chat().start(who, "sales",
                "hi"));
        assertThat(unknown.code()).isEqualTo(20404);
    }
}
