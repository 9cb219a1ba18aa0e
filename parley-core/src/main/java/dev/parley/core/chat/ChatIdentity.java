package dev.parley.core.chat;

import java.time.Instant;

/**
 * Who a web-chat connection acts as, from a verified access token: the account ({@code sub}), the Conversation Service
 * ({@code grants.chat.service_sid}), the identity ({@code grants.identity}), the API key that signed the token
 * ({@code iss}) and when the token expires.
 */
public record ChatIdentity(String accountSid, String chatServiceSid, String identity, String keySid,
        Instant expiresAt) {
}
