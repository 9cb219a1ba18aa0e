package dev.parley.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The web chat's files, served without authentication: the client library {@code /chat/v1/parley-chat.js} (an ES
 * module), the widget {@code /chat/v1/widget.js} (a classic script) and, when the operator turns it on
 * ({@code chat.demo=on}), the demo page {@code /chat/demo}. They are classpath resources read once at start.
 *
 * <p>The scripts are loaded from other sites' pages: the module is fetched in CORS mode, so it carries
 * {@code Access-Control-Allow-Origin: *} (it is public and no credential is involved). {@code v1} is the protocol
 * version, not a file version, so a fixed script reaches browsers within {@link #MAX_AGE_SECONDS}; an ETag makes
 * the check after that cheap.
 */
final class ChatWebRoutes {
    static final String LIBRARY = "/chat/v1/parley-chat.js";
    static final String WIDGET = "/chat/v1/widget.js";
    static final String DEMO = "/chat/demo";
    static final int MAX_AGE_SECONDS = 300;
    private static final String JAVASCRIPT = "text/javascript; charset=utf-8";

    private final Asset library = Asset.load("chat/v1/parley-chat.js", JAVASCRIPT);
    private final Asset widget = Asset.load("chat/v1/widget.js", JAVASCRIPT);
    private final Asset demo;

    ChatWebRoutes(boolean demoEnabled) {
        this.demo = demoEnabled ? Asset.load("chat/demo.html", "text/html; charset=utf-8") : null;
    }

    void register(RoutesConfig r) {
        r.get(LIBRARY, library::serve);
        r.get(WIDGET, widget::serve);
        if (demo != null) {
            r.get(DEMO, demo::serve);
        }
    }

    /** One file: its bytes, type and strong ETag. */
    private static final class Asset {
        private final byte[] bytes;
        private final String contentType;
        private final String etag;

        private Asset(byte[] bytes, String contentType, String etag) {
            this.bytes = bytes;
            this.contentType = contentType;
            this.etag = etag;
        }

        static Asset load(String resource, String contentType) {
            try (InputStream in = ChatWebRoutes.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("Missing classpath resource " + resource);
                }
                byte[] bytes = in.readAllBytes();
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
                return new Asset(bytes, contentType, "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"");
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read classpath resource " + resource, e);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        void serve(Context ctx) {
            ctx.header("Cache-Control", "public, max-age=" + MAX_AGE_SECONDS);
            ctx.header("ETag", etag);
            ctx.header("Access-Control-Allow-Origin", "*");
            ctx.header("X-Content-Type-Options", "nosniff");
            String match = ctx.header("If-None-Match");
            if (match != null && (match.equals(etag) || match.contains(etag))) {
                ctx.status(304);
                return;
            }
            ctx.contentType(contentType).result(bytes);
        }
    }
}
