package dev.parley.core.connection;

import dev.parley.core.error.ApiException;

/**
 * A channel parameter Parley refuses, naming it: the API answers it as 20001 ({@link #toApi()}), the configuration
 * file as an invalid {@code channel.<name>.<parameter>} key.
 */
public final class InvalidChannelParameter extends RuntimeException {
    private final String channel;
    private final String parameter;

    public InvalidChannelParameter(String parameter, String message) {
        this(null, parameter, message);
    }

    /** @param channel the {@code Name} of the channel refused, when the refusal is about one of several */
    public InvalidChannelParameter(String channel, String parameter, String message) {
        super(message, null, false, false);
        this.channel = channel;
        this.parameter = parameter;
    }

    /** The channel's {@code Name}, or null when the caller knows which channel it was. */
    public String channel() {
        return channel;
    }

    /** The parameter's name as the API spells it ({@code Window}). */
    public String parameter() {
        return parameter;
    }

    public ApiException toApi() {
        return ApiException.badRequest(20001, getMessage());
    }
}
