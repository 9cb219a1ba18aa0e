package dev.parley.outbound;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.HttpRequestRetryStrategy;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.HttpsSupport;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.ssl.SSLContexts;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The one way Parley speaks HTTP to the outside: Apache HttpClient 5 (classic, blocking, for virtual threads) with
 * a connection pool per client, TLS with host name verification, the JVM's proxy settings for both schemes, the
 * {@link AddressPolicy} as its resolver, no cookies, no content decoding, no authentication, and one deadline per
 * exchange: connecting, sending and reading the whole answer together. A receiver that hangs or trickles bytes is
 * cut off at the deadline (the request is cancelled, which closes its connection).
 *
 * <p>A request is sent a second time only when a pooled connection turns out closed before any byte of the answer
 * arrived ({@link NoHttpResponseException}); webhooks carry an idempotency token, media fetches are GETs.
 */
public final class OutboundHttpClient implements AutoCloseable {

    /**
     * @param tls the trust for https: the JVM's (its default trust store, {@code javax.net.ssl.trustStore}) in
     *     production, a test's own certificate in tests; never a trust-all context
     * @param followRedirects up to {@code maxRedirects} (media fetches); off for webhooks (Twilio follows none)
     * @param maxPerRoute pooled connections per scheme, host and port
     * @param idleTimeout a pooled connection unused this long is closed by the evictor
     */
    public record Settings(AddressPolicy policy, SSLContext tls, Duration connectTimeout, boolean followRedirects,
            int maxRedirects, int maxPerRoute, Duration idleTimeout) {
        public static Settings webhooks(AddressPolicy policy) {
            return new Settings(policy, SSLContexts.createSystemDefault(), Duration.ofSeconds(5), false, 0, 64,
                    Duration.ofSeconds(30));
        }

        public static Settings media(AddressPolicy policy, Duration connectTimeout, int maxRedirects) {
            return new Settings(policy, SSLContexts.createSystemDefault(), connectTimeout, true, maxRedirects, 16,
                    Duration.ofSeconds(30));
        }

        public Settings withTls(SSLContext context) {
            return new Settings(policy, context, connectTimeout, followRedirects, maxRedirects, maxPerRoute,
                    idleTimeout);
        }
    }

    private static final ScheduledThreadPoolExecutor DEADLINES = deadlines();

    private final Settings settings;
    private final CloseableHttpClient http;

    public OutboundHttpClient(Settings settings) {
        this.settings = settings;
        PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(settings.policy())
                .setTlsSocketStrategy(ClientTlsStrategyBuilder.create()
                        .setSslContext(settings.tls())
                        .setHostnameVerifier(HttpsSupport.getDefaultHostnameVerifier())
                        .buildClassic())
                .setMaxConnPerRoute(settings.maxPerRoute())
                .setMaxConnTotal(Math.max(settings.maxPerRoute(), 512))
                .setDefaultSocketConfig(SocketConfig.custom().setTcpNoDelay(true).build())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                        // A receiver that closed an idle connection is noticed before the connection is reused.
                        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                        .setTimeToLive(TimeValue.ofMinutes(5))
                        .build())
                .build();
        this.http = HttpClients.custom()
                .setConnectionManager(pool)
                .useSystemProperties()
                .setRoutePlanner(new JvmProxyRoutePlanner()) // the JVM's ProxySelector, for http and https alike
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .disableConnectionState()
                .setRetryStrategy(new OnceOnStaleConnection())
                .evictExpiredConnections()
                .evictIdleConnections(TimeValue.of(settings.idleTimeout()))
                .build();
    }

    /** Reads one answer; may {@link HttpUriRequestBase#cancel() cancel} the request to stop reading a body. */
    @FunctionalInterface
    public interface Handler<T> {
        T handle(HttpUriRequestBase request, ClassicHttpResponse response) throws IOException;
    }

    /**
     * Runs {@code request} and hands its answer to {@code handler}, all within {@code deadline}; past it the
     * request is cancelled and this throws {@link HttpTimeoutException}, as it does when one read waits longer
     * than {@code readTimeout}. An answer read whole leaves its
     * connection in the pool; one whose handler cancelled the request closes it, unread.
     */
    public <T> T execute(HttpUriRequestBase request, Duration readTimeout, Duration deadline, Handler<T> handler)
            throws IOException {
        return execute(request, readTimeout, deadline, settings.followRedirects(), handler);
    }

    /** As {@link #execute(HttpUriRequestBase, Duration, Duration, Handler)}, following redirects only if asked. */
    public <T> T execute(HttpUriRequestBase request, Duration readTimeout, Duration deadline, boolean followRedirects,
            Handler<T> handler) throws IOException {
        // A read timeout no shorter than the deadline would only ever fire with it. Such reads wait untimed and the
        // deadline alone cuts them off: on a virtual thread each timed read arms and disarms a timer of its own.
        Timeout responseTimeout = readTimeout.compareTo(deadline) < 0 ? Timeout.of(readTimeout) : Timeout.DISABLED;
        request.setConfig(RequestConfig.custom()
                .setConnectionRequestTimeout(Timeout.of(deadline))
                .setResponseTimeout(responseTimeout)
                .setRedirectsEnabled(followRedirects && settings.followRedirects())
                .setMaxRedirects(settings.maxRedirects())
                .setCircularRedirectsAllowed(true) // the redirect limit ends a loop, with Twilio's 11215
                .build());
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> cut = DEADLINES.schedule(() -> {
            expired.set(true);
            request.cancel();
        }, deadline.toNanos(), TimeUnit.NANOSECONDS);
        ClassicHttpResponse response = null;
        try {
            response = http.executeOpen(null, request, null);
            T result = handler.handle(request, response);
            if (!request.isCancelled()) {
                EntityUtils.consume(response.getEntity()); // back to the pool
            }
            return result;
        } catch (IOException e) {
            if (expired.get() || e instanceof SocketTimeoutException) {
                HttpTimeoutException timeout = new HttpTimeoutException(expired.get()
                        ? "no whole answer within " + deadline.toMillis() + " ms"
                        : "no byte for " + readTimeout.toMillis() + " ms");
                timeout.initCause(e);
                throw timeout;
            }
            throw e;
        } finally {
            cut.cancel(false);
            if (response != null) {
                try {
                    response.close();
                } catch (IOException e) {
                    // A cancelled exchange's connection is already closed.
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        http.close();
    }

    private static ScheduledThreadPoolExecutor deadlines() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "outbound-deadlines");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true); // most deadlines are cancelled: don't keep them queued
        return executor;
    }

    /** Sends again once when a pooled connection was closed before any byte of the answer came. */
    private static final class OnceOnStaleConnection implements HttpRequestRetryStrategy {
        @Override
        public boolean retryRequest(HttpRequest request, IOException exception, int execCount, HttpContext context) {
            return execCount <= 1 && exception instanceof NoHttpResponseException
                    && !(request instanceof HttpUriRequestBase r && r.isCancelled());
        }

        @Override
        public boolean retryRequest(HttpResponse response, int execCount, HttpContext context) {
            return false;
        }

        @Override
        public TimeValue getRetryInterval(HttpResponse response, int execCount, HttpContext context) {
            return TimeValue.ZERO_MILLISECONDS;
        }
    }
}
