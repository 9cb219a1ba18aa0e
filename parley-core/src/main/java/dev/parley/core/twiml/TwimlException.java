package dev.parley.core.twiml;

/**
 * A TwiML document Parley will not execute, with the Twilio error code to report for it (in the
 * debugger, the message's error code). Expected for bad customer documents: callers log it and move
 * on, they do not treat it as a bug.
 */
public final class TwimlException extends Exception {

    /** Twilio 12100 "Document parse failure": not well-formed XML, a DTD, or a root other than {@code <Response>}. */
    public static final int DOCUMENT_PARSE_FAILURE = 12100;

    /** Twilio 12200 "Schema validation warning": well-formed, but not messaging TwiML (unknown verb or noun, bad attribute value). */
    public static final int SCHEMA_VALIDATION = 12200;

    private final int errorCode;

    public TwimlException(int errorCode, String message) {
        super(message);
        this.errorCode = errorCode;
    }

    public TwimlException(int errorCode, String message, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
    }

    /** The Twilio error code, {@link #DOCUMENT_PARSE_FAILURE} or {@link #SCHEMA_VALIDATION}. */
    public int errorCode() {
        return errorCode;
    }
}
