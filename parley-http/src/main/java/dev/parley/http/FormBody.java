package dev.parley.http;

import dev.parley.core.error.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@code application/x-www-form-urlencoded} body in UTF-8, parsed in one pass over its bytes.
 *
 * <p>It gives what Javalin's {@code formParamMap()} gave for every well-formed body: parameters in the order
 * of their first appearance, a repeated name ({@code To}, {@code MediaUrl}) as a list in body order, {@code +}
 * as a space, runs of {@code %XX} escapes decoded as UTF-8 (bytes that are not UTF-8 become U+FFFD), a name
 * without {@code =} or with nothing after it as the empty value (Twilio: "clear"), and an empty piece
 * ({@code a=1&&b=2}) as the empty name with the empty value. Where Javalin silently dropped a name or value
 * holding a malformed escape ({@code %ZZ}, a truncated {@code %4}), this refuses the request with 20001
 * (400), so a request is never carried out without a parameter its caller sent.
 */
final class FormBody {
    private FormBody() {
    }

    /** The parameters of {@code body}; an empty body has none. */
    static Map<String, List<String>> parse(byte[] body) {
        if (body.length == 0) {
            return Map.of();
        }
        Map<String, List<String>> form = new LinkedHashMap<>();
        int start = 0;
        while (true) {
            int end = start;
            int eq = -1;
            boolean nameEscaped = false;
            boolean valueEscaped = false;
            for (; end < body.length && body[end] != '&'; end++) {
                byte b = body[end];
                if (b == '=' && eq < 0) {
                    eq = end;
                } else if (b == '%' || b == '+') {
                    if (eq < 0) {
                        nameEscaped = true;
                    } else {
                        valueEscaped = true;
                    }
                }
            }
            String name = decode(body, start, eq < 0 ? end : eq, nameEscaped, null);
            String value = eq < 0 ? "" : decode(body, eq + 1, end, valueEscaped, name);
            form.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
            if (end == body.length) {
                return form;
            }
            start = end + 1;
        }
    }

    /** Bytes {@code [from, to)} as text; {@code name} is the parameter's name, null while decoding the name. */
    private static String decode(byte[] body, int from, int to, boolean escaped, String name) {
        if (!escaped) {
            return new String(body, from, to - from, StandardCharsets.UTF_8);
        }
        StringBuilder out = new StringBuilder(to - from);
        byte[] run = null;
        int plain = from;
        int i = from;
        while (i < to) {
            byte b = body[i];
            if (b != '%' && b != '+') {
                i++;
                continue;
            }
            // Text between escapes is decoded on its own, as URLDecoder did on the already-decoded body.
            if (i > plain) {
                out.append(new String(body, plain, i - plain, StandardCharsets.UTF_8));
            }
            if (b == '+') {
                out.append(' ');
                i++;
            } else {
                if (run == null) {
                    run = new byte[(to - from) / 3];
                }
                int n = 0;
                while (i < to && body[i] == '%') {
                    int hi = i + 1 < to ? hex(body[i + 1]) : -1;
                    int lo = i + 2 < to ? hex(body[i + 2]) : -1;
                    if (hi < 0 || lo < 0) {
                        throw malformed(body, i, to, name);
                    }
                    run[n++] = (byte) (hi << 4 | lo);
                    i += 3;
                }
                // One run of escapes is one byte sequence: %C3%A9 is "é", a lone %C3 is U+FFFD.
                out.append(new String(run, 0, n, StandardCharsets.UTF_8));
            }
            plain = i;
        }
        if (to > plain) {
            out.append(new String(body, plain, to - plain, StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }

    private static ApiException malformed(byte[] body, int at, int to, String name) {
        String escape = new String(body, at, Math.min(3, to - at), StandardCharsets.UTF_8);
        return ApiException.badRequest(20001, "Malformed percent-encoding '" + escape + "' in "
                + (name == null ? "a parameter name" : "parameter " + name)
                + " of the application/x-www-form-urlencoded body (byte " + at + ")");
    }
}
