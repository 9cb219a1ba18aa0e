package dev.parley.core.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Twilio's {@code X-Twilio-Signature} for form-encoded webhook requests.
 *
 * <p>The signed string is the full URL exactly as requested (scheme, host, any port, path and query
 * string, unchanged), followed by every form parameter as {@code name + value} with no separators,
 * names in ascending {@link String#compareTo} order. A name with several values (a repeated form
 * field, such as {@code MediaUrl} when an API request carries several media) contributes each
 * distinct value once, values in ascending order; this is what Twilio's Node and Python helper libraries do, so a request
 * signed here validates with them. The signature is Base64 (standard alphabet, padded) of
 * HMAC-SHA1 keyed with the account's auth token, everything encoded as UTF-8.
 *
 * <p>Callers may rely on: the result depends only on the arguments (no clock, no randomness), the
 * order of the map and of each value list is irrelevant, and the class is thread-safe.
 * {@link #matches} does not try the port variants that Twilio's validators try; pass the URL the
 * request was actually sent to.
 */
public final class RequestSignature {

    /** The HTTP header Twilio puts the signature in. */
    public static final String HEADER = "X-Twilio-Signature";

    private static final String ALGORITHM = "HmacSHA1";
    private static final int MAX_KEYS = 1024;
    private static final Map<String, Mac> KEYED = new ConcurrentHashMap<>();

    private RequestSignature() {
    }

    /**
     * Signs a request as Twilio would.
     *
     * @param authToken the account's auth token; must not be empty
     * @param formParams the decoded form body; an empty map for a request without parameters. Names
     *     and values must not be null.
     * @return the value for the {@value #HEADER} header
     */
    public static String sign(String authToken, String url, Map<String, List<String>> formParams) {
        Objects.requireNonNull(authToken, "authToken");
        if (authToken.isEmpty()) {
            // The JDK refuses an empty HMAC key; say so in our terms rather than in SecretKeySpec's.
            throw new IllegalArgumentException("authToken is empty; cannot sign " + url);
        }
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(formParams, "formParams");
        return Base64.getEncoder().encodeToString(hmacSha1(authToken, canonical(url, formParams)));
    }

    /**
     * Whether {@code signature} is the one {@link #sign} computes for this request. The comparison
     * takes the same time wherever the first difference lies, so it does not leak the expected value.
     * A null or empty signature never matches.
     */
    public static boolean matches(String authToken, String url, Map<String, List<String>> formParams,
                                  String signature) {
        if (signature == null || signature.isEmpty()) {
            return false;
        }
        byte[] expected = sign(authToken, url, formParams).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8));
    }

    static String canonical(String url, Map<String, List<String>> formParams) {
        StringBuilder data = new StringBuilder(url.length() + 32 * formParams.size()).append(url);
        new TreeMap<>(formParams).forEach((name, values) -> {
            Objects.requireNonNull(name, "form parameter name");
            Objects.requireNonNull(values, () -> "values of form parameter " + name);
            if (values.size() == 1) {
                data.append(name).append(Objects.requireNonNull(values.getFirst()));
                return;
            }
            // A TreeSet both sorts and drops duplicates, matching Twilio's Node and Python validators.
            for (String value : new TreeSet<>(values)) {
                data.append(name).append(value);
            }
        });
        return data.toString();
    }

    private static byte[] hmacSha1(String key, String data) {
        return mac(key).doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A MAC keyed with {@code key}: a copy of one kept per key, since looking the algorithm up and keying it cost
     * more than the signing itself (a webhook is signed for every status change). Few keys are in use at a time:
     * the cache is emptied when it holds more than {@value #MAX_KEYS}.
     */
    private static Mac mac(String key) {
        try {
            Mac keyed = KEYED.get(key);
            if (keyed == null) {
                keyed = Mac.getInstance(ALGORITHM);
                keyed.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), ALGORITHM));
                if (KEYED.size() >= MAX_KEYS) {
                    KEYED.clear();
                }
                KEYED.put(key, keyed);
            }
            return (Mac) keyed.clone();
        } catch (NoSuchAlgorithmException | InvalidKeyException | CloneNotSupportedException e) {
            // Every Java SE runtime must provide HmacSHA1 (cloneable in the JDK's provider), and any byte string is
            // a valid HMAC key.
            throw new IllegalStateException("HmacSHA1 unavailable in this JDK", e);
        }
    }
}
