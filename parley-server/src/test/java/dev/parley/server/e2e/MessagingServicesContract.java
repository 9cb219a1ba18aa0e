package dev.parley.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.base.ResourceSet;
import com.twilio.exception.ApiException;
import com.twilio.http.HttpMethod;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.messaging.v1.Service;
import com.twilio.rest.messaging.v1.service.PhoneNumber;
import dev.parley.testing.OpenApiSpec;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Messaging Services and their sender pools through Twilio's SDK, and their JSON against Twilio's description. */
interface MessagingServicesContract {

    Parley parley();

    @Test
    default void serviceIsCreatedFetchedUpdatedListedAndDeletedThroughTheSdk() {
        Service created = Service.creator("Appointment reminders")
                .setInboundRequestUrl(URI.create("https://example.com/inbound"))
                .setStickySender(false)
                .setValidityPeriod(600)
                .create(parley().client());
        assertThat(created.getSid()).matches("MG[0-9a-f]{32}");
        assertThat(created.getAccountSid()).isEqualTo(Parley.ACCOUNT_SID);
        assertThat(created.getFriendlyName()).isEqualTo("Appointment reminders");
        assertThat(created.getInboundRequestUrl()).isEqualTo(URI.create("https://example.com/inbound"));
        assertThat(created.getInboundMethod()).isEqualTo(HttpMethod.POST);
        assertThat(created.getStickySender()).isFalse();
        assertThat(created.getSmartEncoding()).isTrue();
        assertThat(created.getValidityPeriod()).isEqualTo(600);
        assertThat(created.getUseInboundWebhookOnNumber()).isFalse();
        assertThat(created.getDateCreated()).isNotNull();
        assertThat(created.getLinks()).containsKey("phone_numbers");

        Service updated = Service.updater(created.getSid()).setFriendlyName("Reminders")
                .setStatusCallback(URI.create("https://example.com/status")).setUseInboundWebhookOnNumber(true)
                .update(parley().client());
        assertThat(updated.getFriendlyName()).isEqualTo("Reminders");
        assertThat(updated.getStatusCallback()).isEqualTo(URI.create("https://example.com/status"));
        assertThat(updated.getUseInboundWebhookOnNumber()).isTrue();
        assertThat(updated.getValidityPeriod()).isEqualTo(600);
        Service fetched = Service.fetcher(created.getSid()).fetch(parley().client());
        assertThat(fetched.getFriendlyName()).isEqualTo("Reminders");

        List<String> listed = new ArrayList<>();
        ResourceSet<Service> all = Service.reader().pageSize(1).read(parley().client());
        all.forEach(s -> listed.add(s.getSid()));
        assertThat(listed).contains(created.getSid()).doesNotHaveDuplicates();

        Service.deleter(created.getSid()).delete(parley().client());
        assertThatThrownBy(() -> Service.fetcher(created.getSid()).fetch(parley().client()))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(20404);
                    assertThat(e.getStatusCode()).isEqualTo(404);
                });
    }

    @Test
    default void serviceAndPoolJsonHaveEveryFieldOfTheSpec() {
        Parley.Answer created = parley().post("/messaging/v1/Services", Map.of("FriendlyName", "shape"));
        assertThat(created.status()).isEqualTo(201);
        OpenApiSpec.messagingV1().assertConforms("messaging.v1.service", created.json());
        String sid = created.json().get("sid").asText();
        assertThat(created.json().get("url").asText()).isEqualTo(parley().baseUrl() + "/messaging/v1/Services/" + sid);
        assertThat(created.json().get("validity_period").asInt()).isEqualTo(36000);

        IncomingPhoneNumber number = Fixtures.number(parley().client(), null, null);
        Parley.Answer added = parley().post("/messaging/v1/Services/" + sid + "/PhoneNumbers",
                Map.of("PhoneNumberSid", number.getSid()));
        assertThat(added.status()).isEqualTo(201);
        OpenApiSpec.messagingV1().assertConforms("messaging.v1.service.phone_number", added.json());
        assertThat(added.json().get("country_code").asText()).isEqualTo("US");

        JsonNode page = parley().get("/messaging/v1/Services?PageSize=1").json();
        assertThat(page.get("meta").get("key").asText()).isEqualTo("services");
        assertThat(page.get("meta").get("url").asText()).startsWith(parley().baseUrl() + "/messaging/v1/Services?");
        assertThat(page.get("services")).hasSize(1);
        JsonNode numbers = parley().get("/messaging/v1/Services/" + sid + "/PhoneNumbers").json();
        assertThat(numbers.get("meta").get("key").asText()).isEqualTo("phone_numbers");
        OpenApiSpec.messagingV1().assertConforms("messaging.v1.service.phone_number", numbers.get("phone_numbers").get(0));
    }

    @Test
    default void poolAddsListsFetchesAndRemovesNumbersAndANumberIsInOneServiceOnly() {
        Service first = Service.creator("pool one").create(parley().client());
        Service second = Service.creator("pool two").create(parley().client());
        IncomingPhoneNumber number = Fixtures.number(parley().client(), null, null);

        PhoneNumber added = PhoneNumber.creator(first.getSid(), number.getSid()).create(parley().client());
        assertThat(added.getSid()).isEqualTo(number.getSid());
        assertThat(added.getServiceSid()).isEqualTo(first.getSid());
        assertThat(added.getPhoneNumber().toString()).isEqualTo(number.getPhoneNumber().toString());
        assertThat(PhoneNumber.fetcher(first.getSid(), number.getSid()).fetch(parley().client()).getPhoneNumber().toString())
                .isEqualTo(number.getPhoneNumber().toString());
        List<String> pool = new ArrayList<>();
        PhoneNumber.reader(first.getSid()).read(parley().client()).forEach(n -> pool.add(n.getSid()));
        assertThat(pool).containsExactly(number.getSid());

        assertCode(() -> PhoneNumber.creator(first.getSid(), number.getSid()).create(parley().client()), 21710);
        assertCode(() -> PhoneNumber.creator(second.getSid(), number.getSid()).create(parley().client()), 21712);
        assertCode(() -> PhoneNumber.creator(first.getSid(), "PN" + "0".repeat(32)).create(parley().client()), 21421);

        PhoneNumber.deleter(first.getSid(), number.getSid()).delete(parley().client());
        assertThat(PhoneNumber.reader(first.getSid()).read(parley().client()).iterator().hasNext()).isFalse();
        PhoneNumber moved = PhoneNumber.creator(second.getSid(), number.getSid()).create(parley().client());
        assertThat(moved.getServiceSid()).isEqualTo(second.getSid());
    }

    @Test
    default void serviceRefusesOutOfRangeValidityPeriodAndChangesNothing() {
        Service service = Service.creator("validity").create(parley().client());
        assertCode(() -> Service.updater(service.getSid()).setValidityPeriod(36001).setFriendlyName("changed")
                .update(parley().client()), 90007);
        assertCode(() -> Service.creator("zero").setValidityPeriod(0).create(parley().client()), 90007);
        Service unchanged = Service.fetcher(service.getSid()).fetch(parley().client());
        assertThat(unchanged.getFriendlyName()).isEqualTo("validity");
        assertThat(unchanged.getValidityPeriod()).isEqualTo(36000);
    }

    @Test
    default void anotherAccountCannotSeeOrUseTheService() {
        Service mine = Service.creator("private").create(parley().client());
        var other = com.twilio.rest.api.v2010.Account.creator().setFriendlyName("other").create(parley().client());
        var client = parley().client(other.getSid(), other.getAuthToken());
        assertCode(() -> Service.fetcher(mine.getSid()).fetch(client), 20404);
        assertCode(() -> Service.deleter(mine.getSid()).delete(client), 20404);
        List<String> theirs = new ArrayList<>();
        Service.reader().read(client).forEach(s -> theirs.add(s.getSid()));
        assertThat(theirs).doesNotContain(mine.getSid());
        IncomingPhoneNumber number = Fixtures.number(parley().client(), null, null);
        Service their = Service.creator("theirs").create(client);
        assertCode(() -> PhoneNumber.creator(their.getSid(), number.getSid()).create(client), 21421);
    }

    private static void assertCode(Runnable call, int code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.getCode()).isEqualTo(code));
    }
}
