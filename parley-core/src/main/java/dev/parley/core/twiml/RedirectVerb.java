package dev.parley.core.twiml;

import java.util.Objects;

/**
 * A {@code <Redirect>} verb: fetch the next TwiML document from {@code url} (possibly relative to
 * the document's own URL; resolving it is the caller's job). {@code method} is never null: it is
 * {@code GET} or {@code POST}, and {@code POST} when the document did not say.
 */
public record RedirectVerb(String url, String method) implements TwimlVerb {

    public RedirectVerb {
        Objects.requireNonNull(url, "url");
        method = method == null ? "POST" : method;
    }
}
