package dev.parley.server.e2e;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.type.PhoneNumber;
import dev.parley.testing.smpp.TestSmsc;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** Small builders shared by the end-to-end contracts. Every test uses its own numbers, so tests share a server. */
final class Fixtures {
    private Fixtures() {
    }

    private static final String[] US_AREA_CODES = {"202", "206", "303", "305", "404", "617", "702", "713"};
    private static final AtomicInteger NEXT_HANDSET = new AtomicInteger(ThreadLocalRandom.current().nextInt(10_000));

    /**
     * A handset number no other test of this run uses (tests count what a handset received), in US area codes:
     * inbound webhooks carry the country, and a random area code may be Canadian.
     */
    static String handset() {
        int n = NEXT_HANDSET.getAndIncrement();
        return "+1" + US_AREA_CODES[(n / 10_000) % US_AREA_CODES.length] + "555" + String.format("%04d", n % 10_000);
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

    /**
     * Creates an SMPP channel to {@code smsc} through {@code POST /parley/v1/Channels}, named {@code prefix} and a
     * random suffix, with {@code settings} besides the connection's own (host, port, credentials); returns its name.
     */
    static String smppChannel(Parley parley, TestSmsc smsc, String prefix, Map<String, String> settings) {
        String name = prefix + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 24);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("Name", name);
        form.put("Type", "smpp");
        form.put("Host", "127.0.0.1");
        form.put("Port", String.valueOf(smsc.port()));
        form.put("SystemId", TestSmsc.SYSTEM_ID);
        form.put("Password", TestSmsc.PASSWORD);
        form.putAll(settings);
        Parley.Answer created = parley.post("/parley/v1/Channels", form);
        if (created.status() != 201) {
            throw new AssertionError("channel " + name + " not created: " + created.status() + " " + created.json());
        }
        return name;
    }

    static PhoneNumber phone(String e164) {
        return new PhoneNumber(e164);
    }
}
