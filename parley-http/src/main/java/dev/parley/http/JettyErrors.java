package dev.parley.http;

import dev.parley.core.error.ApiException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's error page, for the requests Jetty answers itself before any route runs (a path with a malformed
 * escape, an ambiguous path): Twilio's error JSON with Jetty's status instead of an HTML page.
 */
final class JettyErrors extends ErrorHandler {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Object reason = request.getAttribute(ERROR_MESSAGE);
        ApiException error = ClientErrors.of(response.getStatus(), reason == null ? null : reason.toString());
        response.setStatus(error.httpStatus());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.write(true, ByteBuffer.wrap(JsonBody.bytes(ClientErrors.json(error))), callback);
        return true;
    }
}
