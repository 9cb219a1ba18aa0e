package dev.parley.http;

import dev.parley.core.conversation.ChatServiceService;
import dev.parley.core.conversation.media.ConversationMedia;
import dev.parley.core.conversation.media.ConversationMediaService;
import dev.parley.core.error.ApiException;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Twilio's Media Content Service ({@code mcs.us1.twilio.com/v1}) on Parley's own base URL:
 * {@code /mcs/v1/Services/{ChatServiceSid}/Media} takes an upload (the raw body, its {@code Content-Type}, an optional
 * {@code filename} query parameter; or a {@code multipart/form-data} body whose first file part is the media) and lists
 * the service's media (Twilio's v1 page, key {@code media}); {@code /Media/{Sid}} describes it, or deletes it with its
 * file; {@code /Media/{Sid}/Content} serves it, all with the account's credentials;
 * {@code /Media/{Sid}/ContentDirectTemporary} serves it without credentials to whoever holds
 * the signed, short-lived {@code content_direct_temporary} link.
 */
final class ConversationMediaRoutes {
    static final String DIRECT = "/ContentDirectTemporary";
    private static final String BASE = "/mcs/v1/Services/{ChatServiceSid}/Media";
    private final ChatServiceService services;
    private final ConversationMediaService media;
    private final String publicUrl;

    ConversationMediaRoutes(ChatServiceService services, ConversationMediaService media, String publicUrl) {
        this.services = services;
        this.media = media;
        this.publicUrl = publicUrl;
    }

    void register(RoutesConfig r) {
        r.post(BASE, this::upload);
        r.get(BASE, this::list);
        r.get(BASE + "/{Sid}", this::fetch);
        r.delete(BASE + "/{Sid}", this::delete);
        r.get(BASE + "/{Sid}/Content", this::content);
        r.get(BASE + "/{Sid}" + DIRECT, this::direct);
    }

    /** The caller's account and the chat service named in the path (20404 when it is not the account's). */
    private record Scope(String accountSid, String serviceSid) {
    }

    private Scope scope(Context ctx) {
        String account = Requests.principal(ctx).account().sid();
        return new Scope(account, services.resolve(account, ctx.pathParam("ChatServiceSid")));
    }

    private void upload(Context ctx) throws IOException {
        Scope s = scope(ctx);
        String filename = ctx.queryParam("filename") != null ? ctx.queryParam("filename") : ctx.queryParam("Filename");
        String type = ctx.header("Content-Type");
        ConversationMedia m;
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            // A browser's FormData upload: the first file part carries the bytes, its type and its name.
            UploadedFile file = ctx.uploadedFiles().stream().findFirst().orElseThrow(() -> ApiException.badRequest(
                    20001, "The multipart upload has no file part"));
            try (InputStream in = file.content()) {
                m = media.upload(new ConversationMediaService.Upload(s.accountSid(), s.serviceSid(),
                        file.contentType(), filename != null ? filename : file.filename()), in);
            }
        } else {
            m = media.upload(new ConversationMediaService.Upload(s.accountSid(), s.serviceSid(), type, filename),
                    ctx.req().getInputStream());
        }
        Requests.json(ctx, 201, json(m));
    }

    private void fetch(Context ctx) {
        Scope s = scope(ctx);
        Requests.json(ctx, 200, json(media.fetch(s.accountSid(), s.serviceSid(), ctx.pathParam("Sid"))));
    }

    /** Twilio's v1 list shape, key {@code media}, oldest first. */
    private void list(Context ctx) {
        Scope s = scope(ctx);
        PageRequest req = Paging.request(ctx, ConversationScope.MAX_PAGE);
        Page<ConversationMedia> page = media.list(s.accountSid(), s.serviceSid(), req);
        Requests.json(ctx, 200, Paging.pageV1("media", publicUrl, "/mcs/v1/Services/" + s.serviceSid() + "/Media",
                Map.of(), req, page, page.items().stream().map(this::json).toList()));
    }

    private void delete(Context ctx) {
        Scope s = scope(ctx);
        media.delete(s.accountSid(), s.serviceSid(), ctx.pathParam("Sid"));
        ctx.status(204);
    }

    private void content(Context ctx) {
        Scope s = scope(ctx);
        serve(ctx, media.content(s.accountSid(), s.serviceSid(), ctx.pathParam("Sid")));
    }

    private void direct(Context ctx) {
        serve(ctx, media.directContent(ctx.queryParam("AccountSid"), ctx.pathParam("ChatServiceSid"),
                ctx.pathParam("Sid"), ctx.queryParam("Expires"), ctx.queryParam("Signature")));
    }

    private static void serve(Context ctx, ConversationMediaService.Content content) {
        ConversationMedia m = content.media();
        try {
            ctx.status(200).contentType(m.contentType())
                    .header("Content-Length", String.valueOf(m.size()))
                    // Uploaded content served from the API's origin: browsers must not reinterpret it.
                    .header("X-Content-Type-Options", "nosniff")
                    .result(Files.newInputStream(content.file()));
            if (m.filename() != null) {
                ctx.header("Content-Disposition", "inline; filename=\"" + m.filename().replaceAll("[\"\\\\\\r\\n]", "_")
                        + "\"");
            }
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("media " + m.sid() + " has a row but no file at " + content.file(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Twilio's MCS media JSON; {@code links} and {@code url} are absolute URLs on this server. */
    private Map<String, Object> json(ConversationMedia m) {
        String url = publicUrl + ConversationMediaService.path(m.chatServiceSid(), m.sid());
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("sid", m.sid());
        j.put("account_sid", m.accountSid());
        j.put("service_sid", m.chatServiceSid());
        j.put("date_created", Wire.iso(m.dateCreated()));
        j.put("date_upload_updated", Wire.iso(m.dateCreated()));
        j.put("date_updated", Wire.iso(m.dateUpdated()));
        j.put("channel_sid", m.conversationSid());
        j.put("message_sid", m.messageSid());
        j.put("size", m.size());
        j.put("content_type", m.contentType());
        j.put("filename", m.filename());
        j.put("author", m.author());
        j.put("category", "media");
        j.put("is_multipart_upstream", false);
        Map<String, Object> links = new LinkedHashMap<>();
        links.put("content", url + "/Content");
        links.put("content_direct_temporary", publicUrl + media.directPath(m));
        j.put("links", links);
        j.put("url", url);
        return j;
    }
}
