package dev.parley.http;

import dev.parley.core.account.Account;
import dev.parley.core.account.AccountService;
import dev.parley.core.account.AccountStatus;
import dev.parley.core.account.ApiKey;
import dev.parley.core.error.ApiException;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /2010-04-01/Accounts} and {@code /Accounts/{AccountSid}/Keys}. */
final class AccountsRoutes {
    private final AccountService accounts;

    AccountsRoutes(AccountService accounts) {
        this.accounts = accounts;
    }

    void register(RoutesConfig r) {
        r.post("/2010-04-01/Accounts.json", this::create);
        r.get("/2010-04-01/Accounts.json", this::list);
        r.get("/2010-04-01/Accounts/{Sid}.json", this::fetch);
        r.post("/2010-04-01/Accounts/{Sid}.json", this::update);
        String keys = "/2010-04-01/Accounts/{AccountSid}/Keys";
        r.post(keys + ".json", this::createKey);
        r.get(keys + ".json", this::listKeys);
        r.get(keys + "/{Sid}.json", this::fetchKey);
        r.delete(keys + "/{Sid}.json", this::deleteKey);
    }

    private void create(Context ctx) {
        Account sub = accounts.createSubaccount(Requests.principal(ctx), Requests.form(ctx, "FriendlyName"));
        Requests.json(ctx, 201, json(sub));
    }

    private void fetch(Context ctx) {
        Requests.json(ctx, 200, json(accounts.accessible(Requests.principal(ctx), ctx.pathParam("Sid"))));
    }

    private void update(Context ctx) {
        Account updated = accounts.update(Requests.principal(ctx), ctx.pathParam("Sid"),
                Requests.form(ctx, "FriendlyName"), Requests.form(ctx, "Status"));
        Requests.json(ctx, 200, json(updated));
    }

    private void list(Context ctx) {
        PageRequest req = Paging.request(ctx);
        String name = ctx.queryParam("FriendlyName");
        String statusText = ctx.queryParam("Status");
        AccountStatus status = statusText == null ? null : AccountStatus.fromWire(statusText)
                .orElseThrow(() -> ApiException.badRequest(20001, "Status must be one of active, suspended, closed"));
        Page<Account> page = accounts.list(Requests.principal(ctx), name, status, req);
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("FriendlyName", name);
        filters.put("Status", statusText);
        Requests.json(ctx, 200, Paging.page2010("accounts", "/2010-04-01/Accounts.json", filters, req, page,
                page.items().stream().map(AccountsRoutes::json).toList()));
    }

    private void createKey(Context ctx) {
        Account account = Requests.account(ctx, accounts);
        AccountService.NewKey created = accounts.createKey(account.sid(), Requests.form(ctx, "FriendlyName"));
        Map<String, Object> j = keyJson(created.key());
        j.put("secret", created.secret());
        Requests.json(ctx, 201, j);
    }

    private void listKeys(Context ctx) {
        Account account = Requests.account(ctx, accounts);
        PageRequest req = Paging.request(ctx);
        Page<ApiKey> page = accounts.listKeys(account.sid(), req);
        Requests.json(ctx, 200, Paging.page2010("keys", "/2010-04-01/Accounts/" + account.sid() + "/Keys.json",
                Map.of(), req, page, page.items().stream().map(AccountsRoutes::keyJson).toList()));
    }

    private void fetchKey(Context ctx) {
        Account account = Requests.account(ctx, accounts);
        Requests.json(ctx, 200, keyJson(accounts.fetchKey(account.sid(), ctx.pathParam("Sid"))));
    }

    private void deleteKey(Context ctx) {
        Account account = Requests.account(ctx, accounts);
        accounts.deleteKey(account.sid(), ctx.pathParam("Sid"));
        ctx.status(204);
    }

    static Map<String, Object> json(Account a) {
        String uri = "/2010-04-01/Accounts/" + a.sid();
        Map<String, Object> subresources = new LinkedHashMap<>();
        for (String name : new String[] {"IncomingPhoneNumbers", "Messages", "Keys"}) {
            subresources.put(snake(name), uri + "/" + name + ".json");
        }
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("auth_token", a.authToken());
        j.put("date_created", Wire.rfc2822(a.dateCreated()));
        j.put("date_updated", Wire.rfc2822(a.dateUpdated()));
        j.put("friendly_name", a.friendlyName());
        j.put("owner_account_sid", a.ownerAccountSid());
        j.put("sid", a.sid());
        j.put("status", a.status().wire());
        j.put("subresource_uris", subresources);
        j.put("type", "Full");
        j.put("uri", uri + ".json");
        return j;
    }

    static Map<String, Object> keyJson(ApiKey k) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("sid", k.sid());
        j.put("friendly_name", k.friendlyName());
        j.put("date_created", Wire.rfc2822(k.dateCreated()));
        j.put("date_updated", Wire.rfc2822(k.dateUpdated()));
        return j;
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase();
    }
}
