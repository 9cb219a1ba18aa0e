package dev.parley.http;

import dev.parley.core.account.Account;
import dev.parley.core.account.AccountService;
import dev.parley.core.media.MediaService;
import dev.parley.core.message.Direction;
import dev.parley.core.message.Message;
import dev.parley.core.message.MessageFeedback;
import dev.parley.core.message.MessageFeedbackService;
import dev.parley.core.message.MessageFilter;
import dev.parley.core.message.MessageService;
import dev.parley.core.message.MessageStatus;
import dev.parley.core.message.SendRequest;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /2010-04-01/Accounts/{AccountSid}/Messages}: Twilio's Message resource. */
final class MessagesRoutes {
    private static final String BASE = "/2010-04-01/Accounts/{AccountSid}/Messages";
    private final AccountService accounts;
    private final MessageService messages;
    private final MediaService media;
    private final MessageFeedbackService feedback;

    MessagesRoutes(AccountService accounts, MessageService messages, MediaService media,
            MessageFeedbackService feedback) {
        this.accounts = accounts;
        this.messages = messages;
        this.media = media;
        this.feedback = feedback;
    }

    void register(RoutesConfig r) {
        r.post(BASE + ".json", this::create);
        r.get(BASE + ".json", this::list);
        r.get(BASE + "/{Sid}.json", this::fetch);
        r.post(BASE + "/{Sid}.json", this::update);
        r.delete(BASE + "/{Sid}.json", this::delete);
        r.post(BASE + "/{MessageSid}/Feedback.json", this::createFeedback);
        // Twilio's API has no GET here; Parley's answers it so that the message's subresource_uris.feedback resolves.
        r.get(BASE + "/{MessageSid}/Feedback.json", this::fetchFeedback);
    }

    private void create(Context ctx) {
        Account account = Requests.account(ctx, accounts);
        Message m = messages.create(new SendRequest(account.sid(), Requests.form(ctx, "To"),
                Requests.form(ctx, "From"), Requests.form(ctx, "MessagingServiceSid"), Requests.form(ctx, "Body"),
                Requests.formList(ctx, "MediaUrl"), Requests.form(ctx, "StatusCallback"),
                Requests.form(ctx, "StatusCallbackMethod"), Requests.formBool(ctx, "SmartEncoded"),
                Direction.OUTBOUND_API, Requests.form(ctx, "ScheduleType"), Requests.form(ctx, "SendAt"),
                Requests.formInt(ctx, "ValidityPeriod"), Requests.formBool(ctx, "ProvideFeedback"),
                ContentParams.of(ctx, ContentParams.MESSAGES)));
        Requests.json(ctx, 201, json(m));
    }

    private void fetch(Context ctx) {
        Account account = Requests.account(ctx, accounts);
        Requests.json(ctx, 200, json(messages.fetch(account.sid(), ctx.pathParam("Sid"))));
    }

    private void update(Context ctx) {
        Account account = Requests.account(ctx, accounts);
        Message m = messages.update(account.sid(), ctx.pathParam("Sid"), Requests.form(ctx, "Body"),
                Requests.form(ctx, "Status"));
        Requests.json(ctx, 200, json(m));
    }

    private void delete(Context ctx) {
        Account account = Requests.account(ctx, accounts);
        messages.delete(account.sid(), ctx.pathParam("Sid"));
        media.deleteFiles(account.sid(), ctx.pathParam("Sid"));
        ctx.status(204);
    }

    private void createFeedback(Context ctx) {
        Account account = Requests.account(ctx, accounts);
        // Twilio answers 200 (not 201) to this create.
        Requests.json(ctx, 200, json(feedback.create(account.sid(), ctx.pathParam("MessageSid"),
                Requests.form(ctx, "Outcome"))));
    }

    private void fetchFeedback(Context ctx) {
        Account account = Requests.account(ctx, accounts);
        Requests.json(ctx, 200, json(feedback.fetch(account.sid(), ctx.pathParam("MessageSid"))));
    }

    private static Map<String, Object> json(MessageFeedback f) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("account_sid", f.accountSid());
        j.put("message_sid", f.messageSid());
        j.put("outcome", f.outcome().wire());
        j.put("date_created", Wire.rfc2822(f.dateCreated()));
        j.put("date_updated", Wire.rfc2822(f.dateUpdated()));
        j.put("uri", "/2010-04-01/Accounts/" + f.accountSid() + "/Messages/" + f.messageSid() + "/Feedback.json");
        return j;
    }

    private void list(Context ctx) {
        Account account = Requests.account(ctx, accounts);
        PageRequest req = Paging.request(ctx);
        String on = ctx.queryParam("DateSent");
        String before = ctx.queryParam("DateSent<");
        String after = ctx.queryParam("DateSent>");
        DateFilters.Range sent = DateFilters.days(on, before, after, "DateSent");
        MessageFilter filter = new MessageFilter(ctx.queryParam("To"), ctx.queryParam("From"), sent.from(),
                sent.until());
        Page<Message> page = messages.list(account.sid(), filter, req);
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("To", ctx.queryParam("To"));
        filters.put("From", ctx.queryParam("From"));
        filters.put("DateSent", on);
        filters.put("DateSent<", before);
        filters.put("DateSent>", after);
        Requests.json(ctx, 200, Paging.page2010("messages", "/2010-04-01/Accounts/" + account.sid() + "/Messages.json",
                filters, req, page, page.items().stream().map(MessagesRoutes::json).toList()));
    }

    static Map<String, Object> json(Message m) {
        String uri = "/2010-04-01/Accounts/" + m.accountSid() + "/Messages/" + m.sid();
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("account_sid", m.accountSid());
        j.put("api_version", "2010-04-01");
        j.put("body", m.body());
        j.put("date_created", Wire.rfc2822(m.dateCreated()));
        j.put("date_sent", Wire.rfc2822(m.dateSent()));
        j.put("date_updated", Wire.rfc2822(m.dateUpdated()));
        j.put("direction", m.direction().wire());
        j.put("error_code", m.errorCode());
        j.put("error_message", m.errorMessage());
        // Twilio shows no sender (and 0 segments) while a Messaging Service has yet to pick one: status accepted.
        boolean senderPending = m.status() == MessageStatus.ACCEPTED && m.messagingServiceSid() != null;
        j.put("from", senderPending ? null : m.from());
        j.put("messaging_service_sid", m.messagingServiceSid());
        j.put("num_media", String.valueOf(m.numMedia()));
        j.put("num_segments", senderPending ? "0" : String.valueOf(m.numSegments()));
        j.put("price", Wire.price(m.price()));
        j.put("price_unit", m.priceUnit());
        j.put("sid", m.sid());
        j.put("status", m.status().wire());
        // Only a message created with ProvideFeedback=true has a Feedback resource to point at.
        j.put("subresource_uris", m.provideFeedback()
                ? Map.of("media", uri + "/Media.json", "feedback", uri + "/Feedback.json")
                : Map.of("media", uri + "/Media.json"));
        j.put("to", m.to());
        j.put("uri", uri + ".json");
        return j;
    }
}
