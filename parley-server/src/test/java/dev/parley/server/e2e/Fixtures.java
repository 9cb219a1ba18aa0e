package dev.parley.server.e2e;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.type.PhoneNumber;
import java.net.URI;
import java.util.concurrent.ThreadLocalRandom;

/** Small builders shared by the end-to-end contracts. Every test uses its own numbers, so tests share a server. */
final class Fixtures {
    private Fixtures() {
    }

    /** A random handset number in a range no provisioned number uses (555-01xx style exchanges). */
    static String handset() {
        return String.format("+1%d555%04d", 200 + ThreadLocalRandom.current().nextInt(700),
                ThreadLocalRandom.current().nextInt(10_000));
    }

    /** Provisions a fresh number in area code 415 with the given webhooks (null for none). */
    static IncomingPhoneNumber number(TwilioRestClient client, String smsUrl, String statusCallback) {
        var creator = IncomingPhoneNumber.creator("415");
        if (smsUrl != null) {
            creator.setSmsUrl(URI.create(smsUrl));
        }
        if (statusCallback != null) {
            creator.setStatusCallback(URI.create(statusCallback));
        }
        return creator.create(client);
    }

    static PhoneNumber phone(String e164) {
        return new PhoneNumber(e164);
    }
}
