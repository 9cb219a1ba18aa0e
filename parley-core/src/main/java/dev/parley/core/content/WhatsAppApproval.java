package dev.parley.core.content;

import java.time.Instant;

/**
 * A content's WhatsApp approval request ({@code POST /v1/Content/{Sid}/ApprovalRequests/whatsapp}): the template
 * {@code name} and {@code category} it was submitted under, and where it stands. On a WhatsApp Cloud API connection
 * it is a message template of the connection's business account ({@code templateId} is Meta's id) and its status
 * follows Meta's template-status webhook; with only the simulator it is approved at once.
 *
 * @param status          Twilio's words: {@code unsubmitted}, {@code received}, {@code pending}, {@code approved},
 *                        {@code rejected}, {@code paused}, {@code disabled}
 * @param rejectionReason Meta's reason when rejected; empty otherwise
 * @param channel         the channel it was submitted through ({@code whatsapp:<Name>}, or {@code simulator})
 * @param templateId      the provider's template id; null on the simulator
 */
public record WhatsAppApproval(String contentSid, String accountSid, String name, String category, String status,
        String rejectionReason, String channel, String templateId, Instant dateCreated, Instant dateUpdated) {
}
