package dev.parley.http;

import dev.parley.core.account.AccountService;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import dev.parley.core.smsc.Cidr;
import dev.parley.core.smsc.SmppCredential;
import dev.parley.core.smsc.SmppCredentialService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parley's own {@code /parley/v1/SmppCredentials}: the credentials SMPP applications bind to Parley's SMPP server
 * with (ADR 0026). Create ({@code SystemId}, {@code Password}, optional {@code AllowedNetworks} (repeated or
 * comma-separated CIDR blocks), {@code Window}, {@code MaxSubmitsPerSecond}, {@code StatusCallback},
 * {@code StatusCallbackMethod}, {@code FriendlyName}), list, and fetch, update and delete by system id (or SID), on the
 * caller's account or the subaccount named by {@code AccountSid}. The password is write-only: no answer carries it or
 * its hash. An {@code AllowedNetworks} given empty clears the list (any address).
 */
final class SmppCredentialsRoutes {
    private static final String PATH = "/parley/v1/SmppCredentials";
    private final AccountService accounts;
    private final SmppCredentialService credentials;
    private final String publicUrl;

    SmppCredentialsRoutes(AccountService accounts, SmppCredentialService credentials, String publicUrl) {
        this.accounts = accounts;
        this.credentials = credentials;
        this.publicUrl = publicUrl;
    }

    void register(RoutesConfig r) {
        r.post(PATH, ctx -> Requests.json(ctx, 201, json(credentials.create(account(ctx), changes(ctx)))));
        r.get(PATH, this::list);
        r.get(PATH + "/{SystemId}", ctx -> Requests.json(ctx, 200, json(credentials.fetchByName(account(ctx),
                ctx.pathParam("SystemId")))));
        r.post(PATH + "/{SystemId}", ctx -> Requests.json(ctx, 200, json(credentials.update(account(ctx),
                ctx.pathParam("SystemId"), changes(ctx)))));
        r.delete(PATH + "/{SystemId}", ctx -> {
            credentials.delete(account(ctx), ctx.pathParam("SystemId"));
            ctx.status(204);
        });
    }

    private String account(Context ctx) {
        return Requests.actingAccount(ctx, accounts).sid();
    }

    private static SmppCredentialService.Changes changes(Context ctx) {
        List<String> networks = Requests.formList(ctx, "AllowedNetworks");
        return new SmppCredentialService.Changes(Requests.form(ctx, "SystemId"), Requests.form(ctx, "Password"),
                networks.isEmpty() ? null : networks, Requests.formInt(ctx, "Window"),
                Requests.formInt(ctx, "MaxSubmitsPerSecond"), Requests.form(ctx, "StatusCallback"),
                Requests.form(ctx, "StatusCallbackMethod"), Requests.form(ctx, "FriendlyName"));
    }

    private void list(Context ctx) {
        PageRequest req = Paging.request(ctx);
        Page<SmppCredential> page = credentials.list(account(ctx), req);
        Requests.json(ctx, 200, Paging.pageV1("smpp_credentials", publicUrl, PATH, new LinkedHashMap<>(), req, page,
                page.items().stream().map(this::json).toList()));
    }

    private Map<String, Object> json(SmppCredential c) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("sid", c.sid());
        j.put("account_sid", c.accountSid());
        j.put("system_id", c.systemId());
        j.put("friendly_name", c.friendlyName());
        j.put("allowed_networks", c.allowedNetworks().stream().map(Cidr::toString).toList());
        j.put("window", c.limits().window());
        j.put("max_submits_per_second", c.limits().maxSubmitsPerSecond());
        j.put("status_callback", c.statusCallback().url());
        j.put("status_callback_method", c.statusCallback().method());
        j.put("date_created", Wire.iso(c.dateCreated()));
        j.put("date_updated", Wire.iso(c.dateUpdated()));
        j.put("url", publicUrl + PATH + "/" + c.systemId());
        return j;
    }
}
