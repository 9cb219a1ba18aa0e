package dev.parley.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.OpenApiSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Usage Records on the wire: every field of Twilio's schemas, with its type, on the list and each subresource. */
interface UsageWireContract {

    Parley parley();

    Map<String, String> SCHEMAS = Map.of(
            "", "api.v2010.account.usage.usage_record",
            "/AllTime", "api.v2010.account.usage.usage_record.usage_record_all_time",
            "/Daily", "api.v2010.account.usage.usage_record.usage_record_daily",
            "/LastMonth", "api.v2010.account.usage.usage_record.usage_record_last_month",
            "/Monthly", "api.v2010.account.usage.usage_record.usage_record_monthly",
            "/ThisMonth", "api.v2010.account.usage.usage_record.usage_record_this_month",
            "/Today", "api.v2010.account.usage.usage_record.usage_record_today",
            "/Yearly", "api.v2010.account.usage.usage_record.usage_record_yearly",
            "/Yesterday", "api.v2010.account.usage.usage_record.usage_record_yesterday");

    @Test
    default void everyUsageListAndRecordHasEveryFieldOfTheSpecWithItsType() {
        String base = "/2010-04-01/Accounts/" + Parley.ACCOUNT_SID + "/Usage/Records";
        SCHEMAS.forEach((sub, schema) -> {
            Parley.Answer answer = parley().get(base + sub + ".json?PageSize=4");
            assertThat(answer.status()).as(sub).isEqualTo(200);
            JsonNode page = answer.json();
            for (String key : new String[] {"first_page_uri", "uri", "page", "page_size", "start", "end",
                    "previous_page_uri", "next_page_uri"}) {
                assertThat(page.has(key)).as("%s has %s", sub, key).isTrue();
            }
            assertThat(page.get("uri").asText()).startsWith(base + sub + ".json?");
            assertThat(page.get("usage_records")).as(sub).hasSize(4);
            for (JsonNode record : page.get("usage_records")) {
                OpenApiSpec.api2010().assertConforms(schema, record);
                String category = record.get("category").asText();
                assertThat(record.get("uri").asText()).startsWith(base + sub + ".json?Category=" + category
                        + "&StartDate=");
                assertThat(record.get("subresource_uris").get("daily").asText())
                        .isEqualTo(base + "/Daily.json?Category=" + category);
                assertThat(record.get("subresource_uris").size()).isEqualTo(8);
                assertThat(record.get("price_unit").asText()).isEqualTo("usd");
                assertThat(record.get("as_of").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+00:00");
            }
        });
        // Without the .json suffix too, as Twilio's paths allow.
        assertThat(parley().get(base + "/Today").status()).isEqualTo(200);
    }
}
