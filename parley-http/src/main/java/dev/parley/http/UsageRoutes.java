package dev.parley.http;

import dev.parley.core.account.Account;
import dev.parley.core.account.AccountService;
import dev.parley.core.billing.UsageCategory;
import dev.parley.core.billing.UsageService.Span;
import dev.parley.core.billing.UsageService.UsageRecord;
import dev.parley.core.billing.UsageService;
import dev.parley.core.error.ApiException;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code /2010-04-01/Accounts/{AccountSid}/Usage/Records} and its subresources: Twilio's UsageRecord lists. */
final class UsageRoutes {
    private static final String BASE = "/2010-04-01/Accounts/{AccountSid}/Usage/Records";
    private static final Pattern RELATIVE = Pattern.compile("([+-]\\d{1,5})days");
    private static final DateTimeFormatter AS_OF = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'+00:00'")
            .withZone(ZoneOffset.UTC);
    /** Each subresource: its path segment, its key in {@code subresource_uris}, its span. */
    private static final List<Sub> SUBS = List.of(
            new Sub("AllTime", "all_time", Span.ALL_TIME), new Sub("Daily", "daily", Span.DAILY),
            new Sub("LastMonth", "last_month", Span.LAST_MONTH), new Sub("Monthly", "monthly", Span.MONTHLY),
            new Sub("ThisMonth", "this_month", Span.THIS_MONTH), new Sub("Today", "today", Span.TODAY),
            new Sub("Yearly", "yearly", Span.YEARLY), new Sub("Yesterday", "yesterday", Span.YESTERDAY));

    private record Sub(String path, String key, Span span) {
    }

    private final AccountService accounts;
    private final UsageService usage;

    UsageRoutes(AccountService accounts, UsageService usage) {
        this.accounts = accounts;
        this.usage = usage;
    }

    void register(RoutesConfig r) {
        r.get(BASE + ".json", ctx -> list(ctx, "", Span.ALL_TIME));
        r.get(BASE, ctx -> list(ctx, "", Span.ALL_TIME));
        for (Sub sub : SUBS) {
            r.get(BASE + "/" + sub.path() + ".json", ctx -> list(ctx, "/" + sub.path(), sub.span()));
            r.get(BASE + "/" + sub.path(), ctx -> list(ctx, "/" + sub.path(), sub.span()));
        }
    }

    private void list(Context ctx, String subPath, Span span) {
        Account account = Requests.account(ctx, accounts);
        PageRequest req = Paging.request(ctx);
        String categoryParam = ctx.queryParam("Category");
        UsageCategory category = null;
        if (categoryParam != null && !categoryParam.isEmpty()) {
            category = UsageCategory.fromWire(categoryParam).orElseThrow(() -> ApiException.badRequest(20001,
                    "Category " + categoryParam + " is not a usage category Parley reports"));
        }
        LocalDate today = usage.today();
        LocalDate start = date(ctx, "StartDate", today);
        LocalDate end = date(ctx, "EndDate", today);
        String include = ctx.queryParam("IncludeSubaccounts");
        boolean includeSubaccounts = include == null || include.isEmpty() || !include.equalsIgnoreCase("false");
        List<UsageRecord> all = usage.records(new UsageService.Query(account, span, category,
                span.fixedRange() ? null : start, span.fixedRange() ? null : end, includeSubaccounts));

        // Records are computed, not stored: a page is a slice, and the tokens carry row numbers.
        Page<UsageRecord> page = Page.slice(all, req);
        String asOf = AS_OF.format(usage.now());
        String path = "/2010-04-01/Accounts/" + account.sid() + "/Usage/Records" + subPath + ".json";
        List<Map<String, Object>> items = page.items().stream().map(u -> json(u, path, asOf)).toList();
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("Category", categoryParam);
        filters.put("StartDate", ctx.queryParam("StartDate"));
        filters.put("EndDate", ctx.queryParam("EndDate"));
        filters.put("IncludeSubaccounts", include);
        Requests.json(ctx, 200, Paging.page2010("usage_records", path, filters, req, page, items));
    }

    /** A date parameter: a day as {@link DateFilters#day} reads it, or an offset from today such as {@code -30days}. */
    private static LocalDate date(Context ctx, String name, LocalDate today) {
        String value = ctx.queryParam(name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        Matcher relative = RELATIVE.matcher(value.replace(' ', '+'));
        if (relative.matches()) {
            return today.plusDays(Integer.parseInt(relative.group(1).replace("+", "")));
        }
        return DateFilters.day(value, name);
    }

    private static Map<String, Object> json(UsageRecord u, String listPath, String asOf) {
        String accountPath = "/2010-04-01/Accounts/" + u.accountSid() + "/Usage/Records";
        String category = u.category().wire();
        String unit = u.priceUnit().toLowerCase(Locale.ROOT);
        Map<String, Object> subresources = new LinkedHashMap<>();
        for (Sub sub : SUBS) {
            subresources.put(sub.key(), accountPath + "/" + sub.path() + ".json?Category=" + enc(category));
        }
        boolean total = u.category() == UsageCategory.TOTALPRICE;
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("account_sid", u.accountSid());
        j.put("api_version", "2010-04-01");
        j.put("as_of", asOf);
        j.put("category", category);
        j.put("count", total ? "" : String.valueOf(u.count()));
        j.put("count_unit", u.category().countUnit());
        j.put("description", u.category().description());
        j.put("end_date", u.end().toString());
        j.put("price", u.price());
        j.put("price_unit", unit);
        j.put("start_date", u.start().toString());
        j.put("subresource_uris", subresources);
        j.put("uri", listPath + "?Category=" + enc(category) + "&StartDate=" + u.start() + "&EndDate=" + u.end());
        j.put("usage", total ? u.price().toPlainString() : String.valueOf(u.usage()));
        j.put("usage_unit", total ? unit : u.category().usageUnit());
        return j;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
