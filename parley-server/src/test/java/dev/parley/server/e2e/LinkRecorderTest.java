package dev.parley.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the link walker is given to walk: which URLs of an answer are Parley's, and which resource owns each. */
class LinkRecorderTest {
    private static final String BASE = "http://localhost:8080";

    private static List<LinkRecorder.Link> record(String json) {
        LinkRecorder recorder = new LinkRecorder(BASE);
        recorder.record("GET /x", "AC1", "token", json);
        return recorder.links();
    }

    @Test
    void aPagesUrisBelongToTheResourceAboveTheListAndItsItemsToThemselves() {
        List<LinkRecorder.Link> links = record("""
                {"first_page_uri":"/2010-04-01/Accounts/AC1/Messages.json?PageSize=1&Page=0","page_size":1,
                 "uri":"/2010-04-01/Accounts/AC1/Messages.json?PageSize=1&Page=0","previous_page_uri":null,
                 "messages":[{"uri":"/2010-04-01/Accounts/AC1/Messages/SM1.json",
                   "subresource_uris":{"media":"/2010-04-01/Accounts/AC1/Messages/SM1/Media.json"}}]}""");
        assertThat(links).extracting(LinkRecorder.Link::path, LinkRecorder.Link::owner).containsExactlyInAnyOrder(
                tuple("/2010-04-01/Accounts/AC1/Messages.json?PageSize=1&Page=0",
                        "/2010-04-01/Accounts/AC1.json"),
                tuple("/2010-04-01/Accounts/AC1/Messages.json?PageSize=1&Page=0",
                        "/2010-04-01/Accounts/AC1.json"),
                tuple("/2010-04-01/Accounts/AC1/Messages/SM1.json",
                        "/2010-04-01/Accounts/AC1/Messages/SM1.json"),
                tuple("/2010-04-01/Accounts/AC1/Messages/SM1/Media.json",
                        "/2010-04-01/Accounts/AC1/Messages/SM1.json"));
        assertThat(links).allSatisfy(l -> assertThat(l.advertisedBy()).isEqualTo("GET /x"));
    }

    @Test
    void absoluteLinksOnParleysBaseAreKeptAndOtherHostsAreNot() {
        List<LinkRecorder.Link> links = record("""
                {"meta":{"url":"http://localhost:8080/conversations/v1/Conversations/CH1/Webhooks?PageSize=50",
                  "next_page_url":null,"key":"webhooks"},
                 "webhooks":[{"url":"http://localhost:8080/conversations/v1/Conversations/CH1/Webhooks/WH1",
                   "configuration":{"url":"https://example.com/hook"}}],
                 "more_info":"https://www.twilio.com/docs/errors/20404"}""");
        assertThat(links).extracting(LinkRecorder.Link::path, LinkRecorder.Link::owner).containsExactlyInAnyOrder(
                tuple("/conversations/v1/Conversations/CH1/Webhooks?PageSize=50",
                        "/conversations/v1/Conversations/CH1"),
                tuple("/conversations/v1/Conversations/CH1/Webhooks/WH1",
                        "/conversations/v1/Conversations/CH1/Webhooks/WH1"));
    }

    @Test
    void aTopLevelListHasNoOwnerAndABodyThatIsNoJsonAdvertisesNothing() {
        assertThat(LinkRecorder.parentOf("/conversations/v1/Conversations?PageSize=5")).isNull();
        assertThat(LinkRecorder.parentOf("/2010-04-01/Accounts.json")).isNull();
        assertThat(LinkRecorder.parentOf("/conversations/v1/Services/IS1/Conversations")).isEqualTo(
                "/conversations/v1/Services/IS1");
        assertThat(record("<Response/>")).isEmpty();
    }
}
