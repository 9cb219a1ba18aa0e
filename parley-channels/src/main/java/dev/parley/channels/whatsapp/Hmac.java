package dev.parley.channels.whatsapp;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Meta's two HMAC-SHA256 signatures, both keyed with the app secret: {@code X-Hub-Signature-256} over a webhook's raw
 * body ({@code sha256=<hex>}), and {@code appsecret_proof} over the access token, sent with every Graph API call.
 */
final class Hmac {
    private static final String PREFIX = "sha256=";

    private Hmac() {
    }

    static String hex(String key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(data));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** {@code appsecret_proof}: the access token signed with the app secret, lower-case hex. */
    static String appSecretProof(String accessToken, String appSecret) {
        return hex(appSecret, accessToken.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code X-Hub-Signature-256}'s value for {@code body}. */
    static String hubSignature(String appSecret, byte[] body) {
        return PREFIX + hex(appSecret, body);
    }

    /** Whether {@code header} is {@code body}'s signature with {@code appSecret}; compared in constant time. */
    static boolean validHubSignature(String appSecret, byte[] body, String header) {
        if (header == null || !header.startsWith(PREFIX)) {
            return false;
        }
        byte[] expected = hubSignature(appSecret, body).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, header.strip().getBytes(StandardCharsets.US_ASCII));
    }
}
