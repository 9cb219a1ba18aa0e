package dev.parley.core.error;

/**
 * A refusal the caller can act on, carrying Twilio's error code and the HTTP status Twilio answers
 * with. Thrown by services before anything is written, so a request refused with one changes nothing.
 * The HTTP layer turns it into Twilio's error JSON; it is never logged with a stack trace.
 */
public final class ApiException extends RuntimeException {
    private final int code;
    private final int httpStatus;

    public ApiException(int code, int httpStatus, String message) {
        super(message, null, false, false);
        this.code = code;
        this.httpStatus = httpStatus;
    }

    public int code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String moreInfo() {
        return "https://www.twilio.com/docs/errors/" + code;
    }

    public static ApiException badRequest(int code, String message) {
        return new ApiException(code, 400, message);
    }

    public static ApiException notFound(String resourcePath) {
        return new ApiException(20404, 404, "The requested resource " + resourcePath + " was not found");
    }

    public static ApiException unauthorized() {
        return new ApiException(20003, 401, "Authenticate");
    }

    public static ApiException forbidden(String message) {
        return new ApiException(20403, 403, message);
    }
}
