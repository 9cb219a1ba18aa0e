package dev.parley.server.e2e;

import static dev.parley.server.e2e.Fixtures.phone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.message.Media;
import dev.parley.testing.OpenApiSpec;
import dev.parley.testing.WebhookReceiver;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** MMS media: fetching MediaUrls, the Media sub-resource, Twilio's fetch errors, the deny list, inbound media. */
interface MediaContract {

    Parley parley();

    WebhookReceiver receiver();

    String ACCOUNTS = "/2010-04-01/Accounts/";

    private Message send(String to, List<String> mediaUrls, String callback) {
        IncomingPhoneNumber number = Fixtures.number(parley().client(), null, null);
        var creator = Message.creator(phone(to), number.getPhoneNumber(), "see attached")
                .setMediaUrl(mediaUrls.stream().map(URI::create).toList());
        if (callback != null) {
            creator.setStatusCallback(URI.create(receiver().url(callback)));
        }
        return creator.create(parley().client());
    }

    private Message awaitFinal(String sid) {
        await().atMost(Duration.ofSeconds(15)).until(() ->
                Message.fetcher(sid).fetch(parley().client()).getStatus() == Message.Status.DELIVERED
                        || Message.fetcher(sid).fetch(parley().client()).getStatus() == Message.Status.FAILED);
        return Message.fetcher(sid).fetch(parley().client());
    }

    private List<JsonNode> inbox(String handset) {
        List<JsonNode> out = new ArrayList<>();
        parley().get("/parley/v1/Simulator/Handsets/" + handset.replace("+", "%2B") + "/Messages").json()
                .get("messages").forEach(out::add);
        return out;
    }

    /** Sends one MMS with {@code url} and expects it to fail with {@code code}, with nothing sent to the handset. */
    private void assertFailsWith(String url, int code) {
        String to = Fixtures.handset();
        String callback = "/media-status/" + to;
        Message created = send(to, List.of(url), callback);
        assertThat(created.getStatus()).isEqualTo(Message.Status.QUEUED);
        Message done = awaitFinal(created.getSid());
        assertThat(done.getStatus()).isEqualTo(Message.Status.FAILED);
        assertThat(done.getErrorCode()).isEqualTo(code);
        var failed = receiver().awaitRequests(callback, 1, Duration.ofSeconds(10)).getLast().singleFormParams();
        assertThat(failed).containsEntry("MessageStatus", "failed").containsEntry("ErrorCode", String.valueOf(code));
        assertThat(inbox(to)).allSatisfy(m -> assertThat(m.get("status").asText()).isEqualTo("failed"));
        assertThat(Media.reader(created.getSid()).read(parley().client())).isEmpty();
    }

    @Test
    default void mmsWithPngAndJpegIsFetchedStoredServedAndDelivered() {
        byte[] png = MediaServer.image("png", 40, 30);
        byte[] jpeg = MediaServer.image("jpeg", 64, 48);
        try (MediaServer files = new MediaServer("127.0.0.1")) {
            String to = Fixtures.handset();
            Message created = send(to, List.of(files.serve("/cat.png", "image/png", png),
                    files.serve("/dog", "image/jpeg; charset=binary", jpeg)), null);
            assertThat(created.getSid()).matches("MM[0-9a-f]{32}");
            // As on Twilio: no Media resource exists yet when the create answers.
            assertThat(created.getNumMedia()).isEqualTo("0");
            assertThat(created.getStatus()).isEqualTo(Message.Status.QUEUED);

            Message delivered = awaitFinal(created.getSid());
            assertThat(delivered.getStatus()).isEqualTo(Message.Status.DELIVERED);
            assertThat(delivered.getNumMedia()).isEqualTo("2");
            // An MMS is priced per message, whatever its text and media: Twilio's US list price.
            assertThat(delivered.getPrice()).isEqualTo("-0.02000");
            assertThat(files.hits("/cat.png")).isEqualTo(1);

            List<Media> media = new ArrayList<>();
            Media.reader(created.getSid()).read(parley().client()).forEach(media::add);
            assertThat(media).extracting(Media::getContentType).containsExactlyInAnyOrder("image/png", "image/jpeg");
            assertThat(media).allSatisfy(m -> {
                assertThat(m.getSid()).matches("ME[0-9a-f]{32}");
                assertThat(m.getParentSid()).isEqualTo(created.getSid());
                assertThat(m.getAccountSid()).isEqualTo(Parley.ACCOUNT_SID);
                assertThat(m.getDateCreated()).isNotNull();
                assertThat(m.getUri()).isEqualTo(ACCOUNTS + Parley.ACCOUNT_SID + "/Messages/" + created.getSid()
                        + "/Media/" + m.getSid() + ".json");
            });
            Media pngMedia = media.stream().filter(m -> m.getContentType().equals("image/png")).findFirst()
                    .orElseThrow();
            Media fetched = Media.fetcher(created.getSid(), pngMedia.getSid()).fetch(parley().client());
            assertThat(fetched.getContentType()).isEqualTo("image/png");

            String contentPath = ACCOUNTS + Parley.ACCOUNT_SID + "/Messages/" + created.getSid() + "/Media/"
                    + pngMedia.getSid();
            Parley.Bytes content = parley().getBytes(contentPath, true);
            assertThat(content.status()).isEqualTo(200);
            assertThat(content.contentType()).isEqualTo("image/png");
            assertThat(content.body()).isEqualTo(png);
            assertThat(content.nosniff()).isTrue();
            assertThat(parley().getBytes(contentPath, false).status()).isEqualTo(401);

            JsonNode json = parley().get(contentPath + ".json").json();
            OpenApiSpec.api2010().assertConforms("api.v2010.account.message.media", json);
            JsonNode page = parley().get(ACCOUNTS + Parley.ACCOUNT_SID + "/Messages/" + created.getSid()
                    + "/Media.json?PageSize=1").json();
            assertThat(page.get("media_list")).hasSize(1);
            page.get("media_list").forEach(m ->
                    OpenApiSpec.api2010().assertConforms("api.v2010.account.message.media", m));
            assertThat(page.get("uri").asText()).contains("/Media.json?");
            assertThat(page.get("next_page_uri").asText()).contains("Page=1");

            // The handset received the media: its inbox shows them with Parley's URLs of the stored copies.
            JsonNode received = inbox(to).getFirst();
            assertThat(received.get("num_media").asText()).isEqualTo("2");
            List<String> types = new ArrayList<>();
            received.get("media").forEach(m -> types.add(m.get("content_type").asText()));
            assertThat(types).containsExactly("image/png", "image/jpeg");
            assertThat(parley().getBytes(received.get("media").get(1).get("url").asText(), true).body())
                    .isEqualTo(jpeg);

            Media.deleter(created.getSid(), pngMedia.getSid()).delete(parley().client());
            assertThat(Media.reader(created.getSid()).read(parley().client())).extracting(Media::getContentType)
                    .containsExactly("image/jpeg");
            assertThat(parley().getBytes(contentPath, true).status()).isEqualTo(404);
        }
    }

    @Test
    default void deletingAMessageDeletesItsMediaRowsAndFiles() {
        try (MediaServer files = new MediaServer("127.0.0.1")) {
            Message created = send(Fixtures.handset(),
                    List.of(files.serve("/gif", "image/gif", MediaServer.image("gif", 8, 8))), null);
            assertThat(awaitFinal(created.getSid()).getStatus()).isEqualTo(Message.Status.DELIVERED);
            var folder = parley().dataDir().resolve("media").resolve(Parley.ACCOUNT_SID).resolve(created.getSid());
            assertThat(folder).isDirectory();
            assertThat(folder.toFile().list()).hasSize(1);

            Message.deleter(created.getSid()).delete(parley().client());
            assertThat(Files.exists(folder)).isFalse();
            assertThat(parley().get(ACCOUNTS + Parley.ACCOUNT_SID + "/Messages/" + created.getSid() + "/Media.json")
                    .status()).isEqualTo(404);
        }
    }

    @Test
    default void mediaLargerThanItsLimitFailsTheMessageWith30019() {
        try (MediaServer files = new MediaServer("127.0.0.1")) {
            byte[] png = MediaServer.image("png", 4, 4);
            byte[] huge = Arrays.copyOf(png, 5 * 1024 * 1024 + 1);
            assertFailsWith(files.serve("/huge.png", "image/png", huge), 30019);
            // Other types are limited to 500 KB.
            byte[] pdf = Arrays.copyOf("%PDF-1.4\n".getBytes(), 500 * 1024 + 1);
            assertFailsWith(files.serve("/big.pdf", "application/pdf", pdf), 30019);
        }
    }

    @Test
    default void unacceptedOrMislabelledContentFailsTheMessageWith12300() {
        try (MediaServer files = new MediaServer("127.0.0.1")) {
            assertFailsWith(files.serve("/page", "text/html", "<html></html>".getBytes()), 12300);
            assertFailsWith(files.serve("/fake.png", "image/png", MediaServer.image("jpeg", 8, 8)), 12300);
            assertFailsWith(files.serve("/untyped", null, MediaServer.image("png", 8, 8)), 12300);
        }
    }

    @Test
    default void unreachableMediaFailsTheMessageWith11200() {
        try (MediaServer files = new MediaServer("127.0.0.1")) {
            assertFailsWith(files.url("/missing.png"), 11200);
            assertFailsWith(files.status("/broken.png", 500), 11200);
        }
    }

    @Test
    default void createAnswersAtOnceAndASlowMediaHostTimesOutWith11200() {
        try (MediaServer files = new MediaServer("127.0.0.1")) {
            // The e2e server's media timeout is 3 s; this host answers after 6.
            String url = files.slow("/slow.png", "image/png", MediaServer.image("png", 8, 8), Duration.ofSeconds(6));
            long start = System.nanoTime();
            String to = Fixtures.handset();
            Message created = send(to, List.of(url), null);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            assertThat(created.getStatus()).isEqualTo(Message.Status.QUEUED);
            Message done = awaitFinal(created.getSid());
            assertThat(done.getStatus()).isEqualTo(Message.Status.FAILED);
            assertThat(done.getErrorCode()).isEqualTo(11200);
            assertThat(inbox(to)).allSatisfy(m -> assertThat(m.get("status").asText()).isEqualTo("failed"));
        }
    }

    @Test
    default void moreThanTenOrMalformedMediaUrlsAreRefusedWith21623Or21620AndNothingIsCreated() {
        IncomingPhoneNumber number = Fixtures.number(parley().client(), null, null);
        String to = Fixtures.handset();
        List<URI> urls = java.util.stream.IntStream.range(0, 11)
                .mapToObj(i -> URI.create("https://media.example/" + i + ".png")).toList();
        MessagingContract.assertCode(() -> Message.creator(phone(to), number.getPhoneNumber(), "too many")
                .setMediaUrl(urls).create(parley().client()), 21623);
        assertThat(inbox(to)).isEmpty();
        MessagingContract.assertCode(() -> Message.creator(phone(to), number.getPhoneNumber(), "no scheme")
                .setMediaUrl("media.example/cat.png").create(parley().client()), 21620);
        MessagingContract.assertCode(() -> Message.creator(phone(to), number.getPhoneNumber(), "ftp")
                .setMediaUrl("ftp://media.example/cat.png").create(parley().client()), 21620);
        assertThat(inbox(to)).isEmpty();
    }

    @Test
    default void deniedAddressesAreNeverContactedEvenThroughARedirect() {
        byte[] png = MediaServer.image("png", 8, 8);
        try (MediaServer allowed = new MediaServer("127.0.0.1");
                MediaServer denied = new MediaServer(MediaServer.DENIED_ADDRESS)) {
            String secret = denied.serve("/latest/meta-data", "image/png", png);
            // The denied server is reachable: only the deny list keeps Parley away from it.
            assertThat(parley().getBytes(secret, false).body()).isEqualTo(png);
            assertThat(denied.hits("/latest/meta-data")).isEqualTo(1);

            assertFailsWith(secret, 11200);
            assertFailsWith(allowed.redirect("/hop", secret), 11200);
            assertThat(allowed.hits("/hop")).isEqualTo(1);
            assertFailsWith(secret.replace(MediaServer.DENIED_ADDRESS, "denied.parley.test"), 11200);
            assertFailsWith("http://169.254.169.254/latest/meta-data/iam", 11200);
            assertFailsWith("http://metadata.google.internal/computeMetadata/v1/", 11200);
            assertThat(denied.hits("/latest/meta-data")).isEqualTo(1);
        }
    }

    @Test
    default void inboundMediaAreStoredAndTheWebhookCarriesParleysUrls() {
        byte[] jpeg = MediaServer.image("jpeg", 32, 32);
        try (MediaServer files = new MediaServer("127.0.0.1")) {
            String hook = "/mms-in/" + System.nanoTime();
            IncomingPhoneNumber number = Fixtures.number(parley().client(), receiver().url(hook), null);
            String handset = Fixtures.handset();
            Parley.Answer sent = parley().post("/parley/v1/Simulator/Messages", Map.of("From", handset,
                    "To", number.getPhoneNumber().toString(), "Body", "photo", "MediaUrl",
                    files.serve("/photo", "image/jpeg", jpeg)));
            assertThat(sent.status()).isEqualTo(201);
            String sid = sent.json().get("sid").asText();
            assertThat(sid).startsWith("MM");

            Map<String, String> params = receiver().awaitRequests(hook, 1, Duration.ofSeconds(10)).getFirst()
                    .singleFormParams();
            assertThat(params).containsEntry("NumMedia", "1").containsEntry("MediaContentType0", "image/jpeg")
                    .containsEntry("MessageSid", sid);
            String mediaUrl = params.get("MediaUrl0");
            assertThat(mediaUrl).matches(java.util.regex.Pattern.quote(parley().baseUrl() + ACCOUNTS
                    + Parley.ACCOUNT_SID + "/Messages/" + sid + "/Media/") + "ME[0-9a-f]{32}");
            Parley.Bytes content = parley().getBytes(mediaUrl, true);
            assertThat(content.contentType()).isEqualTo("image/jpeg");
            assertThat(content.body()).isEqualTo(jpeg);

            List<Media> media = new ArrayList<>();
            Media.reader(sid).read(parley().client()).forEach(media::add);
            assertThat(media).extracting(Media::getContentType).containsExactly("image/jpeg");
            assertThat(Message.fetcher(sid).fetch(parley().client()).getNumMedia()).isEqualTo("1");

            // Media the channel named but Parley could not fetch are left out; the message still reaches the webhook.
            parley().post("/parley/v1/Simulator/Messages", Map.of("From", handset,
                    "To", number.getPhoneNumber().toString(), "Body", "lost photo", "MediaUrl", files.url("/gone")));
            Map<String, String> second = receiver().awaitRequests(hook, 2, Duration.ofSeconds(10)).get(1)
                    .singleFormParams();
            assertThat(second).containsEntry("Body", "lost photo").containsEntry("NumMedia", "0")
                    .doesNotContainKey("MediaUrl0");
        }
    }

    @Test
    default void anotherAccountNeverSeesAMessagesMedia() {
        try (MediaServer files = new MediaServer("127.0.0.1")) {
            Message created = send(Fixtures.handset(),
                    List.of(files.serve("/private.png", "image/png", MediaServer.image("png", 8, 8))), null);
            assertThat(awaitFinal(created.getSid()).getStatus()).isEqualTo(Message.Status.DELIVERED);
            String mediaSid = Media.reader(created.getSid()).read(parley().client()).iterator().next().getSid();
            var sub = com.twilio.rest.api.v2010.Account.creator().setFriendlyName("media wall")
                    .create(parley().client());
            String path = "/Messages/" + created.getSid() + "/Media/" + mediaSid;
            Parley.Answer asSub = parley().send(java.net.http.HttpRequest.newBuilder(
                    URI.create(parley().baseUrl() + ACCOUNTS + Parley.ACCOUNT_SID + path + ".json")).GET(),
                    sub.getSid(), sub.getAuthToken());
            assertThat(asSub.status()).isEqualTo(401);
            // The parent acting on the subaccount's path finds nothing of its own there.
            assertThat(parley().get(ACCOUNTS + sub.getSid() + path + ".json").status()).isEqualTo(404);
            assertThat(parley().get(ACCOUNTS + sub.getSid() + "/Messages/" + created.getSid() + "/Media.json")
                    .status()).isEqualTo(404);
        }
    }
}
