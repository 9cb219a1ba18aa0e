package dev.parley.server.e2e;

import static dev.parley.server.e2e.Fixtures.phone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.message.Media;
import dev.parley.testing.WebhookReceiver;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code num_media} tells the truth (issue 11, item 4): it counts the Media resources a message has, as Twilio's
 * does — "0" when an outbound MMS is created, growing as its media are stored — so a client that waits for it and
 * then lists the media finds them all, on the message's fetch and in the Messages list alike.
 */
interface MediaTruthContract {

    Parley parley();

    WebhookReceiver receiver();

    private List<Media> media(String messageSid) {
        List<Media> all = new ArrayList<>();
        Media.reader(messageSid).read(parley().client()).forEach(all::add);
        return all;
    }

    @Test
    default void numMediaCountsTheStoredMediaSoWaitingForItThenListingFindsThemAll() {
        try (MediaServer files = new MediaServer("127.0.0.1")) {
            String to = Fixtures.handset();
            IncomingPhoneNumber number = Fixtures.number(parley().client(), null, null);
            Message created = Message.creator(phone(to), number.getPhoneNumber(), "two pictures")
                    .setMediaUrl(List.of(
                            URI.create(files.serve("/one.png", "image/png", MediaServer.image("png", 8, 8))),
                            URI.create(files.serve("/two.jpg", "image/jpeg", MediaServer.image("jpeg", 9, 9)))))
                    .create(parley().client());
            assertThat(created.getNumMedia()).isEqualTo("0");

            // What a client written for Twilio does: wait for num_media, then list. The count never runs ahead of the
            // list while the media are being stored.
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                String count = Message.fetcher(created.getSid()).fetch(parley().client()).getNumMedia();
                assertThat(media(created.getSid()).size()).isGreaterThanOrEqualTo(Integer.parseInt(count));
                return count.equals("2");
            });
            List<Media> stored = media(created.getSid());
            assertThat(stored).hasSize(2);
            assertThat(stored).extracting(Media::getContentType).containsExactlyInAnyOrder("image/png", "image/jpeg");

            List<Message> listed = new ArrayList<>();
            Message.reader().setTo(phone(to)).read(parley().client()).forEach(listed::add);
            assertThat(listed).extracting(Message::getSid).containsExactly(created.getSid());
            assertThat(listed.getFirst().getNumMedia()).isEqualTo("2");

            // A deleted Media resource is no longer counted.
            Media.deleter(created.getSid(), stored.getFirst().getSid()).delete(parley().client());
            assertThat(Message.fetcher(created.getSid()).fetch(parley().client()).getNumMedia()).isEqualTo("1");
            assertThat(media(created.getSid())).hasSize(1);
        }
    }

    @Test
    default void aTextMessageHasNoMediaAndAFailedMmsNone() {
        String to = Fixtures.handset();
        IncomingPhoneNumber number = Fixtures.number(parley().client(), null, null);
        Message text = Message.creator(phone(to), number.getPhoneNumber(), "plain").create(parley().client());
        assertThat(text.getNumMedia()).isEqualTo("0");
        try (MediaServer files = new MediaServer("127.0.0.1")) {
            Message mms = Message.creator(phone(to), number.getPhoneNumber(), "broken")
                    .setMediaUrl(List.of(URI.create(files.serve("/fine.png", "image/png",
                            MediaServer.image("png", 8, 8))), URI.create(files.url("/missing.png"))))
                    .create(parley().client());
            await().atMost(Duration.ofSeconds(15)).until(() -> Message.fetcher(mms.getSid()).fetch(parley().client())
                    .getStatus() == Message.Status.FAILED);
            // One bad URL fails the message, and the media that could be fetched are not kept: nothing to count.
            assertThat(Message.fetcher(mms.getSid()).fetch(parley().client()).getNumMedia()).isEqualTo("0");
            assertThat(media(mms.getSid())).isEmpty();
        }
        assertThat(Message.fetcher(text.getSid()).fetch(parley().client()).getNumMedia()).isEqualTo("0");
    }
}
