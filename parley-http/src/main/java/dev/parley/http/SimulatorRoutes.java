package dev.parley.http;

import dev.parley.core.account.Account;
import dev.parley.core.account.AccountService;
import dev.parley.core.media.Media;
import dev.parley.core.media.MediaService;
import dev.parley.core.message.Message;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import dev.parley.core.simulator.HandsetBehavior;
import dev.parley.core.simulator.SimulatorService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parley's own API for the handset simulator, under {@code /parley/v1/Simulator}, authenticated like the
 * Twilio surfaces. It acts on the caller's account, or on a subaccount named by {@code AccountSid}. Handsets are
 * {@code +1…} (SMS) or {@code whatsapp:+1…} (WhatsApp; a WhatsApp handset may send with Parley's {@code ProfileName}).
 * An SMS handset sends a group MMS by repeating {@code To}; messages carry {@code group_recipients} (empty for
 * one-to-one).
 */
final class SimulatorRoutes {
    private static final String BASE = "/parley/v1/Simulator";
    private final AccountService accounts;
    private final SimulatorService simulator;
    private final MediaService media;
    private final String publicUrl;

    SimulatorRoutes(AccountService accounts, SimulatorService simulator, MediaService media, String publicUrl) {
        this.accounts = accounts;
        this.simulator = simulator;
        this.media = media;
        this.publicUrl = publicUrl;
    }

    void register(RoutesConfig r) {
        r.post(BASE + "/Messages", this::send);
        r.get(BASE + "/Handsets/{Number}", this::fetchHandset);
        r.post(BASE + "/Handsets/{Number}", this::configureHandset);
        r.get(BASE + "/Handsets/{Number}/Messages", this::inbox);
    }

    private void send(Context ctx) {
        Account account = Requests.actingAccount(ctx, accounts);
        // To repeated: one group MMS to every number named (ADR 0018).
        Message m = simulator.send(account.sid(), Requests.form(ctx, "From"), Requests.formList(ctx, "To"),
                Requests.form(ctx, "Body"), Requests.formList(ctx, "MediaUrl"), Requests.form(ctx, "ProfileName"));
        Map<String, Object> j = MessagesRoutes.json(m);
        j.put("group_recipients", m.groupRecipients());
        Requests.json(ctx, 201, j);
    }

    private void inbox(Context ctx) {
        Account account = Requests.actingAccount(ctx, accounts);
        PageRequest req = Paging.request(ctx);
        String number = ctx.pathParam("Number");
        Page<Message> page = simulator.inbox(account.sid(), number, req);
        Requests.json(ctx, 200, Paging.pageV1("messages", publicUrl, BASE + "/Handsets/" + number + "/Messages",
                Map.of(), req, page, page.items().stream().map(this::inboxItem).toList()));
    }

    /**
     * A message as the handset received it: the message's JSON, the media it carried (with Parley's URLs), and for a
     * group MMS the other recipients ({@code group_recipients}; the thread's members are them, from and to).
     */
    private Map<String, Object> inboxItem(Message m) {
        Map<String, Object> j = MessagesRoutes.json(m);
        List<Media> stored = m.numMedia() == 0 ? List.of() : media.of(m.accountSid(), m.sid());
        List<Map<String, Object>> items = stored.stream().map(x -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("sid", x.sid());
            item.put("content_type", x.contentType());
            item.put("url", publicUrl + MediaService.contentUri(x));
            return item;
        }).toList();
        if (stored.isEmpty() && m.numMedia() > 0) {
            // Another handset's group MMS: the carrier passed the media on as the sender gave them.
            items = m.mediaUrls().stream().map(url -> {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("url", url);
                return item;
            }).toList();
        }
        j.put("media", items);
        j.put("group_recipients", m.groupRecipients());
        return j;
    }

    private void fetchHandset(Context ctx) {
        Account account = Requests.actingAccount(ctx, accounts);
        String number = ctx.pathParam("Number");
        Requests.json(ctx, 200, json(account, number, simulator.behavior(account.sid(), number)));
    }

    private void configureHandset(Context ctx) {
        Account account = Requests.actingAccount(ctx, accounts);
        String number = ctx.pathParam("Number");
        Integer latency = Requests.formInt(ctx, "LatencyMs");
        HandsetBehavior b = simulator.configure(account.sid(), number, Requests.form(ctx, "Behavior"),
                Requests.formInt(ctx, "ErrorCode"), latency == null ? null : Duration.ofMillis(latency));
        Requests.json(ctx, 200, json(account, number, b));
    }

    private Map<String, Object> json(Account account, String number, HandsetBehavior b) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("account_sid", account.sid());
        j.put("number", number);
        j.put("behavior", b.mode().wire());
        j.put("error_code", b.errorCode());
        j.put("latency_ms", b.latency() == null ? null : b.latency().toMillis());
        j.put("url", publicUrl + BASE + "/Handsets/" + number);
        j.put("links", Map.of("messages", publicUrl + BASE + "/Handsets/" + number + "/Messages"));
        return j;
    }
}
