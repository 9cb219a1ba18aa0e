package dev.parley.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.exception.ApiException;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.rest.conversations.v1.Service;
import com.twilio.rest.conversations.v1.conversation.Message;
import dev.parley.testing.OpenApiSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Conversation Services and Conversations through Twilio's SDK, and their JSON against Twilio's description. */
interface ConversationsContract {

    Parley parley();

    static void assertCode(Runnable call, int code, int status) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.getCode()).isEqualTo(code);
            assertThat(e.getStatusCode()).isEqualTo(status);
        });
    }

    @Test
    default void serviceIsCreatedFetchedListedAndDeletedThroughTheSdk() {
        Service created = Service.creator("Support").create(parley().client());
        assertThat(created.getSid()).matches("IS[0-9a-f]{32}");
        assertThat(created.getFriendlyName()).isEqualTo("Support");
        assertThat(created.getLinks()).containsKey("conversations");
        assertThat(Service.fetcher(created.getSid()).fetch(parley().client()).getFriendlyName()).isEqualTo("Support");
        List<String> listed = new ArrayList<>();
        Service.reader().pageSize(1).read(parley().client()).forEach(s -> listed.add(s.getSid()));
        assertThat(listed).contains(created.getSid()).doesNotHaveDuplicates();

        var inService = com.twilio.rest.conversations.v1.service.Conversation.creator(created.getSid())
                .setFriendlyName("scoped").create(parley().client());
        assertThat(inService.getChatServiceSid()).isEqualTo(created.getSid());
        // Unscoped paths act on the default service only.
        assertCode(() -> Conversation.fetcher(inService.getSid()).fetch(parley().client()), 20404, 404);

        Service.deleter(created.getSid()).delete(parley().client());
        assertCode(() -> Service.fetcher(created.getSid()).fetch(parley().client()), 20404, 404);
        assertCode(() -> com.twilio.rest.conversations.v1.service.Conversation.fetcher(created.getSid(),
                inService.getSid()).fetch(parley().client()), 20404, 404);
    }

    @Test
    default void everyAccountHasExactlyOneDefaultServiceEvenUnderConcurrentFirstRequests() throws Exception {
        var sub = com.twilio.rest.api.v2010.Account.creator().setFriendlyName("default-service").create(
                parley().client());
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<Parley.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> parley().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(parley().baseUrl() + "/conversations/v1/Conversations")).GET(),
                        sub.getSid(), sub.getAuthToken())));
            }
            for (Future<Parley.Answer> a : answers) {
                assertThat(a.get().status()).isEqualTo(200);
            }
        }
        var client = parley().client(sub.getSid(), sub.getAuthToken());
        List<Service> services = new ArrayList<>();
        Service.reader().read(client).forEach(services::add);
        assertThat(services).hasSize(1);
        Conversation c = Conversation.creator().setFriendlyName("in default").create(client);
        assertThat(c.getChatServiceSid()).isEqualTo(services.getFirst().getSid());
        // The same conversation is reachable under its service's path.
        var scoped = com.twilio.rest.conversations.v1.service.Conversation.fetcher(c.getChatServiceSid(), c.getSid())
                .fetch(client);
        assertThat(scoped.getFriendlyName()).isEqualTo("in default");
    }

    @Test
    default void conversationIsCreatedFetchedByUniqueNameUpdatedListedAndDeleted() {
        String unique = "order-" + System.nanoTime();
        Conversation created = Conversation.creator().setFriendlyName("Order help").setUniqueName(unique)
                .setAttributes("{\"order\":42}").create(parley().client());
        assertThat(created.getSid()).matches("CH[0-9a-f]{32}");
        assertThat(created.getState()).isEqualTo(Conversation.State.ACTIVE);
        assertThat(created.getAttributes()).isEqualTo("{\"order\":42}");
        assertThat(created.getChatServiceSid()).matches("IS[0-9a-f]{32}");
        assertThat(created.getLinks()).containsKeys("participants", "messages");

        Conversation byName = Conversation.fetcher(unique).fetch(parley().client());
        assertThat(byName.getSid()).isEqualTo(created.getSid());
        Conversation updated = Conversation.updater(created.getSid()).setFriendlyName("Order 42")
                .setState(Conversation.State.INACTIVE).update(parley().client());
        assertThat(updated.getFriendlyName()).isEqualTo("Order 42");
        assertThat(updated.getState()).isEqualTo(Conversation.State.INACTIVE);
        assertThat(updated.getUniqueName()).isEqualTo(unique);

        List<String> inactive = new ArrayList<>();
        Conversation.reader().setState(Conversation.State.INACTIVE).read(parley().client())
                .forEach(c -> inactive.add(c.getSid()));
        assertThat(inactive).contains(created.getSid());
        List<String> active = new ArrayList<>();
        Conversation.reader().setState(Conversation.State.ACTIVE).read(parley().client())
                .forEach(c -> active.add(c.getSid()));
        assertThat(active).doesNotContain(created.getSid());

        Conversation.deleter(created.getSid()).delete(parley().client());
        assertCode(() -> Conversation.fetcher(created.getSid()).fetch(parley().client()), 20404, 404);
    }

    @Test
    default void conversationRefusalsCarryTwiliosCodesAndChangeNothing() {
        String unique = "dup-" + System.nanoTime();
        Conversation first = Conversation.creator().setUniqueName(unique).create(parley().client());
        assertCode(() -> Conversation.creator().setUniqueName(unique).create(parley().client()), 50353, 409);
        assertCode(() -> Conversation.creator().setAttributes("{not json").create(parley().client()), 50006, 400);
        assertCode(() -> Conversation.creator().setState(Conversation.State.CLOSED).create(parley().client()),
                50384, 400);
        assertCode(() -> Conversation.creator().setTimersClosed("PT5M").setState(Conversation.State.ACTIVE)
                .create(parley().client()), 50376, 400);
        assertCode(() -> Conversation.creator().setTimersInactive("PT5M").create(parley().client()), 50382, 400);
        assertCode(() -> Conversation.creator().setTimersInactive("PT30S").setState(Conversation.State.ACTIVE)
                .create(parley().client()), 50375, 400);
        assertCode(() -> Conversation.updater(first.getSid()).setAttributes("[").setFriendlyName("changed")
                .update(parley().client()), 50006, 400);
        assertThat(Conversation.fetcher(first.getSid()).fetch(parley().client()).getFriendlyName()).isNull();

        Conversation.updater(first.getSid()).setState(Conversation.State.CLOSED).update(parley().client());
        assertCode(() -> Conversation.updater(first.getSid()).setState(Conversation.State.ACTIVE)
                .update(parley().client()), 50377, 400);
        assertCode(() -> Message.creator(first.getSid()).setBody("late").create(parley().client()), 50377, 400);
        assertThat(Conversation.fetcher(first.getSid()).fetch(parley().client()).getState())
                .isEqualTo(Conversation.State.CLOSED);
    }

    @Test
    default void timersMoveTheStateAndAMessageRestartsThem() {
        Conversation c = Conversation.creator().setState(Conversation.State.ACTIVE).setTimersInactive("PT5M")
                .setTimersClosed("PT30M").create(parley().client());
        assertThat(timers(c)).containsKeys("date_inactive", "date_closed");
        parley().advance(Duration.ofMinutes(4));
        Message.creator(c.getSid()).setAuthor("agent").setBody("still here").create(parley().client());
        parley().advance(Duration.ofMinutes(2));
        // Six minutes after creation but two after the message: still active.
        awaitState(c.getSid(), Conversation.State.ACTIVE);
        parley().advance(Duration.ofMinutes(4));
        awaitState(c.getSid(), Conversation.State.INACTIVE);
        Message.creator(c.getSid()).setAuthor("agent").setBody("back").create(parley().client());
        assertThat(Conversation.fetcher(c.getSid()).fetch(parley().client()).getState())
                .isEqualTo(Conversation.State.ACTIVE);
        parley().advance(Duration.ofMinutes(31));
        awaitState(c.getSid(), Conversation.State.CLOSED);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> timers(Conversation c) {
        return (Map<String, Object>) c.getTimers();
    }

    private void awaitState(String sid, Conversation.State state) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(
                () -> Conversation.fetcher(sid).fetch(parley().client()).getState() == state);
    }

    @Test
    default void fiftyConcurrentWritersGetGapFreeDuplicateFreeIndexes() throws Exception {
        Conversation c = Conversation.creator().setFriendlyName("busy").create(parley().client());
        try (ExecutorService pool = Executors.newFixedThreadPool(50)) {
            List<Future<Message>> posted = IntStream.range(0, 50).mapToObj(i -> pool.submit(() ->
                    Message.creator(c.getSid()).setAuthor("writer" + i).setBody("m" + i).create(parley().client())))
                    .toList();
            List<Integer> indexes = new ArrayList<>();
            for (Future<Message> f : posted) {
                indexes.add(f.get().getIndex());
            }
            assertThat(indexes).containsExactlyInAnyOrderElementsOf(IntStream.range(0, 50).boxed().toList());
        }
        List<Integer> listed = new ArrayList<>();
        Message.reader(c.getSid()).pageSize(20).read(parley().client()).forEach(m -> listed.add(m.getIndex()));
        assertThat(listed).containsExactlyElementsOf(IntStream.range(0, 50).boxed().toList());
        List<Integer> descending = new ArrayList<>();
        Message.reader(c.getSid()).setOrder(Message.OrderType.DESC).pageSize(20).read(parley().client())
                .forEach(m -> descending.add(m.getIndex()));
        assertThat(descending).containsExactlyElementsOf(IntStream.range(0, 50).map(i -> 49 - i).boxed().toList());
    }

    @Test
    default void conversationJsonHasEveryFieldOfTheSpecUnscopedAndScoped() {
        Parley.Answer created = parley().post("/conversations/v1/Conversations", Map.of("FriendlyName", "shape",
                "Timers.Inactive", "PT10M", "State", "active"));
        assertThat(created.status()).isEqualTo(201);
        OpenApiSpec.conversationsV1().assertConforms("conversations.v1.conversation", created.json());
        String sid = created.json().get("sid").asText();
        String service = created.json().get("chat_service_sid").asText();
        assertThat(created.json().get("url").asText())
                .isEqualTo(parley().baseUrl() + "/conversations/v1/Conversations/" + sid);
        Parley.Answer scoped = parley().get("/conversations/v1/Services/" + service + "/Conversations/" + sid);
        OpenApiSpec.conversationsV1().assertConforms("conversations.v1.service.service_conversation", scoped.json());
        assertThat(scoped.json().get("url").asText())
                .isEqualTo(parley().baseUrl() + "/conversations/v1/Services/" + service + "/Conversations/" + sid);

        Parley.Answer participant = parley().post("/conversations/v1/Conversations/" + sid + "/Participants",
                Map.of("Identity", "alice"));
        assertThat(participant.status()).isEqualTo(201);
        OpenApiSpec.conversationsV1().assertConforms("conversations.v1.conversation.conversation_participant",
                participant.json());
        Parley.Answer message = parley().post("/conversations/v1/Conversations/" + sid + "/Messages",
                Map.of("Author", "alice", "Body", "hello"));
        assertThat(message.status()).isEqualTo(201);
        OpenApiSpec.conversationsV1().assertConforms("conversations.v1.conversation.conversation_message",
                message.json());
        assertThat(message.json().get("participant_sid").asText()).isEqualTo(participant.json().get("sid").asText());
        OpenApiSpec.conversationsV1().assertConforms(
                "conversations.v1.service.service_conversation.service_conversation_message",
                parley().get("/conversations/v1/Services/" + service + "/Conversations/" + sid + "/Messages/"
                        + message.json().get("sid").asText()).json());
        Parley.Answer svc = parley().post("/conversations/v1/Services", Map.of("FriendlyName", "shape"));
        OpenApiSpec.conversationsV1().assertConforms("conversations.v1.service", svc.json());

        parley().post("/conversations/v1/Conversations", Map.of("FriendlyName", "second"));
        JsonNode page = parley().get("/conversations/v1/Conversations?PageSize=1").json();
        assertThat(page.get("meta").get("key").asText()).isEqualTo("conversations");
        assertThat(page.get("meta").get("url").asText()).startsWith(parley().baseUrl() + "/conversations/v1/Conversations?");
        assertThat(page.get("meta").get("next_page_url").asText()).startsWith(parley().baseUrl());
        assertThat(parley().get("/conversations/v1/Conversations?PageSize=101").json().get("code").asInt())
                .isEqualTo(20001);
    }

    @Test
    default void anotherAccountCannotSeeTheConversation() {
        Conversation mine = Conversation.creator().setFriendlyName("private").create(parley().client());
        var other = com.twilio.rest.api.v2010.Account.creator().setFriendlyName("other").create(parley().client());
        var client = parley().client(other.getSid(), other.getAuthToken());
        assertCode(() -> Conversation.fetcher(mine.getSid()).fetch(client), 20404, 404);
        assertCode(() -> Message.creator(mine.getSid()).setBody("x").create(client), 20404, 404);
        assertCode(() -> com.twilio.rest.conversations.v1.service.Conversation.fetcher(mine.getChatServiceSid(),
                mine.getSid()).fetch(client), 20404, 404);
        List<String> theirs = new ArrayList<>();
        Conversation.reader().read(client).forEach(c -> theirs.add(c.getSid()));
        assertThat(theirs).doesNotContain(mine.getSid());
    }

    @Test
    default void messageIsFetchedUpdatedAndDeletedAndItsIndexIsNotReused() {
        Conversation c = Conversation.creator().create(parley().client());
        Message first = Message.creator(c.getSid()).setBody("first").setAttributes("{\"k\":1}")
                .create(parley().client());
        assertThat(first.getSid()).matches("IM[0-9a-f]{32}");
        assertThat(first.getAuthor()).isEqualTo("system");
        assertThat(first.getAttributes()).isEqualTo("{\"k\":1}");
        assertThat(Message.fetcher(c.getSid(), first.getSid()).fetch(parley().client()).getBody()).isEqualTo("first");
        Message edited = Message.updater(c.getSid(), first.getSid()).setBody("first, edited").setAuthor("editor")
                .update(parley().client());
        assertThat(edited.getBody()).isEqualTo("first, edited");
        assertThat(edited.getAuthor()).isEqualTo("editor");
        assertThat(edited.getIndex()).isZero();
        assertCode(() -> Message.creator(c.getSid()).setAttributes("{\"k\":").setBody("bad")
                .create(parley().client()), 50006, 400);
        assertCode(() -> Message.creator(c.getSid()).create(parley().client()), 20001, 400);

        Message.deleter(c.getSid(), first.getSid()).delete(parley().client());
        assertCode(() -> Message.fetcher(c.getSid(), first.getSid()).fetch(parley().client()), 20404, 404);
        assertThat(Message.creator(c.getSid()).setBody("second").create(parley().client()).getIndex()).isEqualTo(1);
    }
}
