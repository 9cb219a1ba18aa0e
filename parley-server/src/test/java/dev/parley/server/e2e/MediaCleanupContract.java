package dev.parley.server.e2e;

import static dev.parley.server.e2e.Fixtures.phone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.message.Media;
import com.twilio.rest.conversations.v1.Service;
import com.twilio.rest.conversations.v1.service.Conversation;
import com.twilio.rest.conversations.v1.service.conversation.Message;
import dev.parley.testing.WebhookReceiver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Media Content Service's list and delete, and no orphan files (issue 11, item 9): deleting a Media resource, a
 * Message, a conversation message, a conversation, an MCS media or a Conversation Service removes the stored files
 * from {@code data/media}.
 * Each test lists the media folder of resources of its own (a message's, a fresh Conversation Service's) before and
 * after, so that other contracts' files do not matter.
 */
interface MediaCleanupContract {

    Parley parley();

    WebhookReceiver receiver();

    /** Every file under {@code data/media/<account>/<owner>}: a message's media, or a chat service's. */
    private List<String> files(String ownerSid) {
        Path dir = parley().dataDir().resolve("media").resolve(Parley.ACCOUNT_SID).resolve(ownerSid);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Parley.Answer upload(String serviceSid, byte[] png, String filename) {
        return parley().send(HttpRequest.newBuilder(URI.create(parley().baseUrl() + "/mcs/v1/Services/" + serviceSid
                + "/Media?filename=" + filename)).header("Content-Type", "image/png")
                .POST(HttpRequest.BodyPublishers.ofByteArray(png)), Parley.ACCOUNT_SID, Parley.AUTH_TOKEN);
    }

    private Parley.Answer delete(String path) {
        return parley().send(HttpRequest.newBuilder(URI.create(parley().baseUrl() + path)).DELETE(),
                Parley.ACCOUNT_SID, Parley.AUTH_TOKEN);
    }

    private String mcs(String serviceSid) {
        return "/mcs/v1/Services/" + serviceSid + "/Media";
    }

    @Test
    default void deletingAMediaResourceOrItsMessageRemovesTheStoredFiles() {
        try (MediaServer server = new MediaServer("127.0.0.1")) {
            IncomingPhoneNumber number = Fixtures.number(parley().client(), null, null);
            var sent = com.twilio.rest.api.v2010.account.Message.creator(phone(Fixtures.handset()),
                    number.getPhoneNumber(), "two files").setMediaUrl(List.of(
                            URI.create(server.serve("/a.png", "image/png", MediaServer.image("png", 8, 8))),
                            URI.create(server.serve("/b.png", "image/png", MediaServer.image("png", 9, 9)))))
                    .create(parley().client());
            String sid = sent.getSid();
            await().atMost(Duration.ofSeconds(15)).until(() -> com.twilio.rest.api.v2010.account.Message.fetcher(sid)
                    .fetch(parley().client()).getNumMedia().equals("2"));
            List<String> media = new ArrayList<>();
            Media.reader(sid).read(parley().client()).forEach(m -> media.add(m.getSid()));
            assertThat(files(sid)).containsExactlyInAnyOrderElementsOf(media);

            Media.deleter(sid, media.getFirst()).delete(parley().client());
            assertThat(files(sid)).containsExactly(media.get(1));

            var delivered = com.twilio.rest.api.v2010.account.Message.Status.DELIVERED;
            await().atMost(Duration.ofSeconds(15)).until(() -> com.twilio.rest.api.v2010.account.Message.fetcher(sid)
                    .fetch(parley().client()).getStatus() == delivered);
            com.twilio.rest.api.v2010.account.Message.deleter(sid).delete(parley().client());
            assertThat(files(sid)).isEmpty();
        }
    }

    @Test
    default void deletingConversationMessagesConversationsAndMcsMediaRemovesTheirFiles() {
        Service service = Service.creator("media cleanup").create(parley().client());
        String is = service.getSid();
        byte[] png = MediaServer.image("png", 12, 12);
        List<String> uploaded = new ArrayList<>();
        for (String name : List.of("kept.png", "first.png", "second.png", "loose.png")) {
            Parley.Answer answer = upload(is, png, name);
            assertThat(answer.status()).isEqualTo(201);
            uploaded.add(answer.json().get("sid").asText());
        }
        assertThat(files(is)).containsExactlyInAnyOrderElementsOf(uploaded);

        // A conversation message takes its media with it.
        Conversation one = Conversation.creator(is).create(parley().client());
        Message withMedia = Message.creator(is, one.getSid()).setAuthor("agent").setMediaSid(uploaded.get(0))
                .create(parley().client());
        Message.deleter(is, one.getSid(), withMedia.getSid()).delete(parley().client());
        assertThat(files(is)).doesNotContain(uploaded.get(0)).hasSize(3);
        assertThat(parley().get(mcs(is) + "/" + uploaded.get(0)).status()).isEqualTo(404);

        // A conversation takes its messages' media with it.
        Conversation two = Conversation.creator(is).create(parley().client());
        Message.creator(is, two.getSid()).setAuthor("agent").setMediaSid(uploaded.get(1)).create(parley().client());
        Message.creator(is, two.getSid()).setAuthor("agent").setMediaSid(uploaded.get(2)).create(parley().client());
        Conversation.deleter(is, two.getSid()).delete(parley().client());
        assertThat(files(is)).containsExactly(uploaded.get(3));

        // An MCS media deleted by itself.
        assertThat(delete(mcs(is) + "/" + uploaded.get(3)).status()).isEqualTo(204);
        assertThat(files(is)).isEmpty();
        assertThat(parley().get(mcs(is) + "/" + uploaded.get(3)).status()).isEqualTo(404);
        Parley.Answer again = delete(mcs(is) + "/" + uploaded.get(3));
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.json().get("code").asInt()).isEqualTo(20404);
    }

    @Test
    default void theMediaContentServiceListsAServicesMediaInPagesOldestFirst() {
        Service service = Service.creator("media list").create(parley().client());
        String is = service.getSid();
        byte[] png = MediaServer.image("png", 10, 10);
        List<String> uploaded = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            uploaded.add(upload(is, png, "p" + i + ".png").json().get("sid").asText());
        }
        Parley.Answer first = parley().get(mcs(is) + "?PageSize=2");
        assertThat(first.status()).isEqualTo(200);
        JsonNode meta = first.json().get("meta");
        assertThat(meta.get("key").asText()).isEqualTo("media");
        assertThat(meta.get("page_size").asInt()).isEqualTo(2);
        assertThat(meta.get("url").asText()).startsWith(parley().baseUrl() + mcs(is) + "?");
        List<String> seen = new ArrayList<>();
        first.json().get("media").forEach(m -> seen.add(m.get("sid").asText()));
        JsonNode item = first.json().get("media").get(0);
        assertThat(item.get("service_sid").asText()).isEqualTo(is);
        assertThat(item.get("filename").asText()).isEqualTo("p0.png");
        assertThat(item.get("size").asLong()).isEqualTo(png.length);
        assertThat(item.get("links").get("content").asText()).endsWith("/Media/" + seen.getFirst() + "/Content");
        String next = meta.get("next_page_url").asText();
        Parley.Answer second = parley().get(next.substring(parley().baseUrl().length()));
        second.json().get("media").forEach(m -> seen.add(m.get("sid").asText()));
        assertThat(second.json().get("meta").get("next_page_url").isNull()).isTrue();
        assertThat(seen).containsExactlyElementsOf(uploaded);
        assertThat(files(is)).containsExactlyInAnyOrderElementsOf(uploaded);

        // Another account's service is not found.
        var sub = com.twilio.rest.api.v2010.Account.creator().setFriendlyName("mcs wall").create(parley().client());
        Parley.Answer asSub = parley().send(HttpRequest.newBuilder(URI.create(parley().baseUrl() + mcs(is))).GET(),
                sub.getSid(), sub.getAuthToken());
        assertThat(asSub.status()).isEqualTo(404);
        assertThat(asSub.json().get("code").asInt()).isEqualTo(20404);

        // A deleted service takes its media folder with it.
        Service.deleter(is).delete(parley().client());
        assertThat(files(is)).isEmpty();
        assertThat(parley().dataDir().resolve("media").resolve(Parley.ACCOUNT_SID).resolve(is)).doesNotExist();
    }
}
