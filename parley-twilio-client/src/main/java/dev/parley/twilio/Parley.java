package dev.parley.twilio;

import com.twilio.Twilio;
import com.twilio.http.TwilioRestClient;

/**
 * Entry points for using Twilio's official Java SDK against a Parley server.
 *
 * <p>Everything the SDK offers keeps working; only the destination changes. Use
 * {@link #restClient} to get a client to pass to {@code create(client)}, {@code fetch(client)},
 * {@code read(client)}, or {@link #init} to make Parley the SDK's global default so that the
 * argument-less {@code create()} etc. go to Parley.
 */
public final class Parley {

    private Parley() {
    }

    /**
     * A rest client that authenticates with {@code username}/{@code password} (an Account SID and
     * auth token) and sends every request to {@code baseUrl}.
     *
     * @param baseUrl Parley's root URL, for example {@code http://localhost:8080}
     */
    public static TwilioRestClient restClient(String baseUrl, String username, String password) {
        return new TwilioRestClient.Builder(username, password)
                .httpClient(new ParleyHttpClient(baseUrl))
                .build();
    }

    /**
     * A rest client for API-key authentication: {@code username}/{@code password} are the API key SID
     * ({@code SK…}) and secret, and {@code accountSid} ({@code AC…}) is the account the SDK puts into
     * 2010-04-01 paths.
     */
    public static TwilioRestClient restClient(String baseUrl, String username, String password, String accountSid) {
        return new TwilioRestClient.Builder(username, password)
                .accountSid(accountSid)
                .httpClient(new ParleyHttpClient(baseUrl))
                .build();
    }

    /**
     * Makes Parley the SDK's global client, like {@code Twilio.init(username, password)} does for
     * Twilio. Calling {@code Twilio.setUsername}, {@code setPassword}, {@code setAccountSid},
     * {@code setRegion} or {@code setEdge} afterwards with a different value makes the SDK discard this client and build one
     * that talks to Twilio again; call {@code init} again instead.
     */
    public static synchronized void init(String baseUrl, String username, String password) {
        Twilio.init(username, password);
        Twilio.setRestClient(restClient(baseUrl, username, password));
    }

    /** As {@link #init(String, String, String)}, for API-key authentication on account {@code accountSid}. */
    public static synchronized void init(String baseUrl, String username, String password, String accountSid) {
        Twilio.init(username, password, accountSid);
        Twilio.setRestClient(restClient(baseUrl, username, password, accountSid));
    }
}
