package dev.parley.http;

import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * A {@code HEAD} request is served as the {@code GET} it asks about, so its status and headers are the GET's: a
 * missing resource is 404, a refused caller 401. Javalin alone answers 200 to a HEAD of any path some GET route
 * matches, without running that route. Jetty still sends no body: it knows the request on the wire was HEAD.
 */
final class HeadAsGet extends Handler.Wrapper {
    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!HttpMethod.HEAD.is(request.getMethod())) {
            return super.handle(request, response, callback);
        }
        return super.handle(new Request.Wrapper(request) {
            @Override
            public String getMethod() {
                return HttpMethod.GET.asString();
            }
        }, response, callback);
    }
}
