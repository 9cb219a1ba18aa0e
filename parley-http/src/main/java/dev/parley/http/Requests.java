package dev.parley.http;

import dev.parley.core.account.Account;
import dev.parley.core.account.AccountService;
import dev.parley.core.account.Principal;
import dev.parley.core.error.ApiException;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Reading what every request carries: credentials, the account in the path, form parameters. */
final class Requests {
    static final String PRINCIPAL = "parley.principal";
    private static final String FORM = "parley.form";
    private static final String JSON_CONTENT_TYPE = "application/json; charset=utf-8";

    private Requests() {
    }

    /** Authenticates HTTP Basic credentials and remembers the caller on the context. */
    static void authenticate(Context ctx, AccountService accounts) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            ctx.header("WWW-Authenticate", "Basic realm=\"Parley\"");
            throw ApiException.unauthorized();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.unauthorized();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw ApiException.unauthorized();
        }
        Principal principal = accounts.authenticate(decoded.substring(0, colon), decoded.substring(colon + 1));
        ctx.attribute(PRINCIPAL, principal);
    }

    static Principal principal(Context ctx) {
        Principal p = ctx.attribute(PRINCIPAL);
        if (p == null) {
            throw ApiException.unauthorized();
        }
        return p;
    }

    /** The account named by the {@code AccountSid} path parameter, if the caller may act on it. */
    static Account account(Context ctx, AccountService accounts) {
        return accounts.accessible(principal(ctx), ctx.pathParam("AccountSid"));
    }

    /**
     * The request's form, parsed once per request: a UTF-8 urlencoded body (what every Twilio SDK sends) by
     * {@link FormBody}, anything else (multipart, another charset, no content type) by Javalin as before.
     */
    private static Map<String, List<String>> formMap(Context ctx) {
        Map<String, List<String>> form = ctx.attribute(FORM);
        if (form == null) {
            form = utf8Urlencoded(ctx) ? FormBody.parse(ctx.bodyAsBytes()) : ctx.formParamMap();
            ctx.attribute(FORM, form);
        }
        return form;
    }

    /** The cases where Javalin's {@code formParamMap()} decodes the body as a UTF-8 urlencoded form. */
    private static boolean utf8Urlencoded(Context ctx) {
        if (!ctx.isFormUrlencoded()) {
            return false;
        }
        String charset = ctx.characterEncoding();
        return charset == null || charset.equalsIgnoreCase("UTF-8");
    }

    /**
     * Refuses a {@code Content-Type} whose charset parameter names no charset this JVM has. Javalin decodes both
     * the query string and the form with that charset: a parameter without a value failed the request with a 500,
     * and an unknown name silently dropped every parameter, so the request went on without them.
     */
    static void checkCharset(Context ctx) {
        String contentType = ctx.header("Content-Type");
        if (contentType == null || contentType.indexOf(';') < 0) {
            return;
        }
        // The parameter Javalin reads: the first one that starts with "charset", whatever follows.
        for (String parameter : contentType.split(";")) {
            String p = parameter.strip();
            if (p.regionMatches(true, 0, "charset", 0, 7)) {
                int eq = p.indexOf('=');
                String name = eq < 0 ? "" : p.substring(eq + 1).strip();
                if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
                    name = name.substring(1, name.length() - 1);
                }
                if (!supported(name)) {
                    throw ApiException.badRequest(20001, "Unsupported charset in Content-Type: " + contentType);
                }
                return;
            }
        }
    }

    private static boolean supported(String charset) {
        try {
            return !charset.isEmpty() && java.nio.charset.Charset.isSupported(charset);
        } catch (java.nio.charset.IllegalCharsetNameException e) {
            return false;
        }
    }

    /**
     * The account a {@code /parley/v1} call acts on: the caller's own, or the subaccount named by an
     * {@code AccountSid} form or query parameter, if the caller may act on it.
     */
    static Account actingAccount(Context ctx, AccountService accounts) {
        String sid = form(ctx, "AccountSid");
        if (sid == null) {
            sid = ctx.queryParam("AccountSid");
        }
        return sid == null ? principal(ctx).account() : accounts.accessible(principal(ctx), sid);
    }

    /** A form parameter, or null when absent. An empty value stays empty (it means "clear" in Twilio's API). */
    static String form(Context ctx, String name) {
        List<String> values = formMap(ctx).get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    static List<String> formList(Context ctx, String name) {
        return formMap(ctx).getOrDefault(name, List.of());
    }

    /** Whether a Conversations REST call asked for webhooks ({@code X-Twilio-Webhook-Enabled: true}). */
    static boolean webhooksEnabled(Context ctx) {
        String v = ctx.header("X-Twilio-Webhook-Enabled");
        return v != null && v.strip().equalsIgnoreCase("true");
    }

    static boolean formBool(Context ctx, String name) {
        String v = form(ctx, name);
        return v != null && (v.equalsIgnoreCase("true") || v.equals("1"));
    }

    static Integer formInt(Context ctx, String name) {
        String v = form(ctx, name);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(20001, name + " must be an integer, not " + v);
        }
    }

    static void json(Context ctx, int status, Object body) {
        ctx.status(status).contentType(JSON_CONTENT_TYPE).result(JsonBody.bytes(body));
    }
}
