package dev.parley.http;

import dev.parley.core.error.ApiException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpException;

/**
 * Refusals that Jetty or Javalin raise before a route's own checks: a multipart body that is not multipart, a
 * body over the size limit. They are the client's fault and become Twilio's error JSON with their 4xx status;
 * anything else stays a server error.
 */
final class ClientErrors {
    private ClientErrors() {
    }

    /**
     * The refusal an exception stands for, or null when it is a server error. Jetty reports a malformed message
     * ({@code BadMessageException}, 400) wrapped in a servlet exception, so the whole cause chain is searched.
     */
    static ApiException of(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HttpException http && http.getCode() >= 400 && http.getCode() < 500) {
                String detail = innermostMessage(t);
                return of(http.getCode(), "Malformed request: " + (detail != null ? detail : http.getReason()));
            }
        }
        return null;
    }

    /**
     * Twilio's code for a status: its own where Twilio has one, else 20001 (a parameter or body the server cannot
     * accept). A status outside 4xx is a server error.
     */
    static ApiException of(int status, String message) {
        if (status < 400 || status >= 600) {
            return new ApiException(20500, 500, "Internal Server Error");
        }
        if (status >= 500) {
            return new ApiException(status == 503 ? 20503 : 20500, status, "Internal Server Error");
        }
        int code = switch (status) {
            case 401 -> 20003;
            case 403 -> 20403;
            case 404 -> 20404;
            case 405 -> 20004;
            case 429 -> 20429;
            default -> 20001;
        };
        return new ApiException(code, status, message == null || message.isBlank() ? "Bad request" : message);
    }

    /** Twilio's error JSON: code, message, more_info, status. */
    static Map<String, Object> json(ApiException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", e.code());
        body.put("message", e.getMessage());
        body.put("more_info", e.moreInfo());
        body.put("status", e.httpStatus());
        return body;
    }

    /** The most specific message in the chain: Jetty's own says only "bad multipart", its cause says why. */
    private static String innermostMessage(Throwable t) {
        String message = null;
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c.getMessage() != null && !c.getMessage().isBlank()) {
                message = c.getMessage();
            }
        }
        return message;
    }
}
