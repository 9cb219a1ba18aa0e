package dev.parley.http;

import dev.parley.core.content.ContentVariables;
import dev.parley.core.error.ApiException;
import dev.parley.core.message.MessageContent;
import io.javalin.http.Context;

/**
 * {@code ContentSid} and {@code ContentVariables} on a create form (Messages, conversation Messages): the template a
 * message is made from, or null when the form names none. Variables without a SID are refused with the API's own
 * code (Messages 21654, Conversations 50528); malformed variables with 21656 (Messages) or 50527 (Conversations).
 */
final class ContentParams {
    /** The codes one API refuses with. */
    record Codes(int sidMissing, int variablesInvalid) {
    }

    static final Codes MESSAGES = new Codes(21654, 21656);
    static final Codes CONVERSATIONS = new Codes(50528, 50527);

    private ContentParams() {
    }

    static MessageContent of(Context ctx, Codes codes) {
        String sid = Requests.form(ctx, "ContentSid");
        String variables = Requests.form(ctx, "ContentVariables");
        if (sid == null || sid.isBlank()) {
            if (variables != null && !variables.isBlank()) {
                throw ApiException.badRequest(codes.sidMissing(), "ContentSid Required: a ContentSid must be"
                        + " specified if ContentVariables are provided in the request.");
            }
            return null;
        }
        try {
            return new MessageContent(sid.strip(), ContentVariables.parse(variables));
        } catch (ApiException e) {
            throw e.code() == codes.variablesInvalid() ? e
                    : ApiException.badRequest(codes.variablesInvalid(), e.getMessage());
        }
    }
}
