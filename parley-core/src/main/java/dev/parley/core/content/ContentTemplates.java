package dev.parley.core.content;

import dev.parley.core.error.ApiException;
import dev.parley.core.message.MessageContent;
import dev.parley.core.message.MessageTemplates;
import dev.parley.core.tx.Tx;

/**
 * The Content API as messaging sees it ({@link MessageTemplates}): a {@code ContentSid} and its variables become the
 * message's body and media, in the creating transaction. Refusals, with Twilio's codes: 21655 when the SID is
 * malformed, or names no content of the account; 21656 when a placeholder of the rendered type has no value. A content
 * not approved for WhatsApp is still a message to a WhatsApp user: a free-form one, which the 24-hour window governs
 * ({@link #approvedForWhatsApp}).
 */
public final class ContentTemplates implements MessageTemplates {

    @Override
    public Rendered render(Tx tx, String accountSid, MessageContent content, boolean whatsApp) {
        return ContentRendering.render(find(tx, accountSid, content.contentSid()), content.variables(), whatsApp);
    }

    @Override
    public boolean approvedForWhatsApp(Tx tx, String accountSid, String contentSid) {
        return ContentService.summary(tx.contents().approvals(accountSid, contentSid))
                .map(a -> a.status().equals("approved")).orElse(false);
    }

    /** A conversation message's text (what chat participants read, and what SMS participants get rendered from). */
    public Rendered renderForChat(Tx tx, String accountSid, MessageContent content) {
        return ContentRendering.render(find(tx, accountSid, content.contentSid()), content.variables(), true);
    }

    private static Content find(Tx tx, String accountSid, String sid) {
        if (!ContentService.isSid(sid)) {
            throw ApiException.badRequest(21655, "The ContentSid is Invalid: " + sid + " is not a Content SID (HX"
                    + " followed by 32 hexadecimal digits).");
        }
        return tx.contents().find(accountSid, sid).orElseThrow(() -> ApiException.badRequest(21655,
                "The ContentSid is Invalid: " + sid + " is not a content of this account."));
    }
}
