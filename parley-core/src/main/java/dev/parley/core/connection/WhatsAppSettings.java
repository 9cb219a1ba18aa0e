package dev.parley.core.connection;

import java.util.Objects;

/**
 * A WhatsApp Business phone number on Meta's Cloud API, as {@code POST /parley/v1/Channels} with {@code Type=whatsapp}
 * gives it. The Graph API is reached at {@code graphBaseUrl} (Meta's, or a local fake in tests); Meta's webhooks for
 * the number arrive at {@code /webhooks/whatsapp/<Name>}, where {@code verifyToken} answers the subscription handshake
 * and {@code appSecret} checks each POST's {@code X-Hub-Signature-256}.
 *
 * @param phoneNumberId     {@code PhoneNumberId}: the Cloud API's id of the business number (sends go to
 *                          {@code <graphBaseUrl>/<phoneNumberId>/messages})
 * @param businessAccountId {@code BusinessAccountId}: the WhatsApp Business Account (WABA) that owns the number and
 *                          its message templates
 * @param accessToken       {@code AccessToken}: the system user's bearer token; write-only
 * @param appSecret         {@code AppSecret}: the Meta app's secret, the HMAC-SHA256 key of webhook signatures;
 *                          write-only
 * @param verifyToken       {@code VerifyToken}: what Meta's GET handshake must present; write-only
 * @param graphBaseUrl      {@code GraphBaseUrl}: scheme, host and API version, without a trailing slash
 */
public record WhatsAppSettings(String phoneNumberId, String businessAccountId, String accessToken, String appSecret,
        String verifyToken, String graphBaseUrl) {
    /** Meta's Graph API, at the version Parley was built against. */
    public static final String DEFAULT_GRAPH_BASE_URL = "https://graph.facebook.com/v21.0";

    public WhatsAppSettings {
        Objects.requireNonNull(phoneNumberId, "phoneNumberId");
        Objects.requireNonNull(businessAccountId, "businessAccountId");
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(appSecret, "appSecret");
        Objects.requireNonNull(verifyToken, "verifyToken");
        Objects.requireNonNull(graphBaseUrl, "graphBaseUrl");
    }

    /** The token, the secret and the verify token never leave through {@code toString()}. */
    @Override
    public String toString() {
        return "WhatsAppSettings[" + phoneNumberId + " of " + businessAccountId + " at " + graphBaseUrl + "]";
    }
}
