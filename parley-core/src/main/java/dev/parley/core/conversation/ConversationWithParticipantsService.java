package dev.parley.core.conversation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.core.conversation.participant.ParticipantService;
import dev.parley.core.error.ApiException;
import java.util.List;

/**
 * {@code ConversationWithParticipants}: a conversation and its first participants in one transaction — all of it,
 * or nothing when any participant is refused. Each {@code Participant} parameter is a JSON object as Twilio takes
 * it: {@code {"identity": …}} or {@code {"messaging_binding": {"address": …, "proxy_address": …}}}.
 */
public final class ConversationWithParticipantsService {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ConversationService conversations;
    private final ParticipantService participants;

    public ConversationWithParticipantsService(ConversationService conversations, ParticipantService participants) {
        this.conversations = conversations;
        this.participants = participants;
    }

    /**
     * Creates the conversation with its participants, all or nothing. {@code webhooks} (the call's
     * {@code X-Twilio-Webhook-Enabled: true}) asks the pre-event hooks first, in Twilio's order: onConversationAdd,
     * then onParticipantAdd for each participant (told the SID the conversation will have), each answer amending what
     * it was asked about; a refusal of any of them writes nothing. It then fires onConversationAdded and each
     * onParticipantAdded with the creation.
     */
    public Conversation create(String accountSid, String chatServiceSid, ConversationService.Changes changes,
            List<String> participantJson, boolean webhooks) {
        List<ParticipantService.Creation> creations = participantJson.stream().map(this::parse)
                .map(participants::validate).toList();
        return conversations.createWith(accountSid, chatServiceSid, changes, webhooks, (conversationSid, asked) -> {
            List<ParticipantService.Creation> let = !webhooks ? creations : creations.stream()
                    .map(c -> participants.askAdd(accountSid, chatServiceSid, conversationSid, asked, c)).toList();
            return (tx, created) -> {
                for (ParticipantService.Creation c : let) {
                    participants.addIn(tx, created, c, webhooks);
                }
            };
        });
    }

    private ParticipantService.Creation parse(String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            node = null;
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest(50424, "One of the JSON requests for participant creation is invalid: "
                    + json);
        }
        JsonNode binding = node.path("messaging_binding");
        JsonNode attributes = node.get("attributes");
        return new ParticipantService.Creation(text(node, "identity"), text(binding, "address"),
                text(binding, "proxy_address"), text(binding, "projected_address"),
                attributes == null || attributes.isNull() ? null
                        : attributes.isTextual() ? attributes.asText() : attributes.toString(),
                text(node, "role_sid"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
