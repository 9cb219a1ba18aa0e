package dev.parley.core.conversation.media;

import dev.parley.core.account.Account;
import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationMessage;
import dev.parley.core.conversation.ConversationMessageService;
import dev.parley.core.error.ApiException;
import dev.parley.core.id.IdGenerator;
import dev.parley.core.media.Media;
import dev.parley.core.media.MediaFiles;
import dev.parley.core.media.MediaTypes;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import dev.parley.core.tx.Storage;
import dev.parley.core.tx.Tx;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Media of Conversation Services (Twilio's Media Content Service): upload, fetch, content, the temporary direct URL,
 * and the media of messages a handset sent by MMS. Files are kept by {@link MediaFiles} under the chat service and
 * follow the Messaging layer's rules for MMS media (Twilio's accepted types, 5 MB for images and 500 KB for the rest,
 * the declared type checked against the bytes), so that every conversation media can be relayed to an SMS or
 * WhatsApp participant. A file is written before its row commits; a refused upload leaves neither. Every read is
 * scoped by account and chat service.
 */
public final class ConversationMediaService {
    private static final Logger log = LoggerFactory.getLogger(ConversationMediaService.class);
    /** How long a {@code content_direct_temporary} URL works (Twilio's are short-lived too). */
    public static final Duration DIRECT_URL_LIFETIME = Duration.ofMinutes(5);
    private final Storage storage;
    private final MediaFiles files;
    private final IdGenerator ids;
    private final Clock clock;

    public ConversationMediaService(Storage storage, MediaFiles files, IdGenerator ids, Clock clock) {
        this.storage = storage;
        this.files = files;
        this.ids = ids;
        this.clock = clock;
    }

    /** An upload as the caller describes it: its {@code Content-Type} header and optional file name. */
    public record Upload(String accountSid, String chatServiceSid, String contentType, String filename) {
    }

    /** Stores the bytes of {@code body} as a new, unattached media of the chat service, authored by "system". */
    public ConversationMedia upload(Upload u, InputStream body) {
        String type = MediaTypes.essence(u.contentType());
        if (!MediaTypes.accepted(type)) {
            throw ApiException.badRequest(12300, "Content-Type " + u.contentType()
                    + " is not accepted for media (Twilio's MMS media types only)");
        }
        String sid = ids.sid("ME");
        Path target = files.prepare(u.accountSid(), u.chatServiceSid(), sid);
        try {
            long size = write(body, target, type);
            Instant now = clock.instant();
            ConversationMedia m = new ConversationMedia(sid, u.accountSid(), u.chatServiceSid(), type,
                    blank(u.filename()) ? null : u.filename().strip(), size, ConversationMessageService.SYSTEM_AUTHOR,
                    null, null, now, now);
            storage.writeVoid(tx -> tx.conversationMedia().insert(m));
            return m;
        } catch (RuntimeException e) {
            files.delete(u.accountSid(), u.chatServiceSid(), sid);
            throw e;
        }
    }

    /** Copies the body to {@code target} within the type's limit; refuses empty, too large or mislabelled content. */
    private long write(InputStream body, Path target, String type) {
        long limit = MediaTypes.limit(type);
        byte[] head = new byte[MediaTypes.HEAD];
        int headLength = 0;
        long size = 0;
        byte[] buffer = new byte[16 * 1024];
        try (OutputStream out = files.create(target)) {
            int n;
            while ((n = body.read(buffer)) > 0) {
                size += n;
                if (size > limit) {
                    throw ApiException.badRequest(30019, "Media is larger than the " + limit + " bytes allowed for "
                            + type + " (at least " + size + " bytes)");
                }
                int take = Math.min(n, head.length - headLength);
                System.arraycopy(buffer, 0, head, headLength, take);
                headLength += take;
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store uploaded media at " + target, e);
        }
        if (size == 0) {
            throw ApiException.badRequest(20001, "The media content is empty");
        }
        Optional<String> mismatch = MediaTypes.check(type, head, headLength);
        if (mismatch.isPresent()) {
            throw ApiException.badRequest(12300, "Content-Type of the upload: " + mismatch.get());
        }
        return size;
    }

    /** The media; 20404 when the account has none of that SID in that chat service. */
    public ConversationMedia fetch(String accountSid, String chatServiceSid, String sid) {
        return storage.read(tx -> tx.conversationMedia().find(accountSid, chatServiceSid, sid))
                .orElseThrow(() -> ApiException.notFound(path(chatServiceSid, sid)));
    }

    /** The chat service's media, oldest first; 20404 comes from the scope (a chat service of the account). */
    public Page<ConversationMedia> list(String accountSid, String chatServiceSid, PageRequest page) {
        return storage.read(tx -> tx.conversationMedia().list(accountSid, chatServiceSid, page));
    }

    /**
     * Deletes the media: its row, then (once that is committed) its file. A message that carried it keeps its SID in
     * {@code media} with nothing known of it, as for any media gone. 20404 when the account has no such media there.
     */
    public void delete(String accountSid, String chatServiceSid, String sid) {
        List<ConversationMedia> gone = storage.write(tx -> forgetIn(tx, accountSid, chatServiceSid, List.of(sid)));
        if (gone.isEmpty()) {
            throw ApiException.notFound(path(chatServiceSid, sid));
        }
        removeFiles(gone);
    }

    /**
     * Deletes the rows of these media of the chat service inside the caller's transaction and returns those that
     * were there; the caller removes their files ({@link #removeFiles}) once the transaction has committed, so that a
     * rollback never leaves a row without its file.
     */
    public List<ConversationMedia> forgetIn(Tx tx, String accountSid, String chatServiceSid, Collection<String> sids) {
        List<ConversationMedia> found = tx.conversationMedia().all(accountSid, sids).stream()
                .filter(m -> m.chatServiceSid().equals(chatServiceSid)).toList();
        found.forEach(m -> tx.conversationMedia().delete(accountSid, chatServiceSid, m.sid()));
        return found;
    }

    /**
     * Removes the files of media whose rows are deleted and committed. Never throws: the deletion stands, and a file
     * that cannot be removed is only disk space, never visible through the API (it is logged).
     */
    public void removeFiles(Collection<ConversationMedia> gone) {
        for (ConversationMedia m : gone) {
            try {
                files.delete(m.accountSid(), m.chatServiceSid(), m.sid());
            } catch (RuntimeException e) {
                log.warn("file of media {} left behind: {}", m.sid(), e.toString());
            }
        }
    }

    /** Removes the media folder of a chat service whose rows are deleted and committed. Never throws. */
    public void removeServiceFiles(String accountSid, String chatServiceSid) {
        try {
            // A service's folder holds its media as a message's folder holds the message's: one directory per owner.
            files.deleteMessage(accountSid, chatServiceSid);
        } catch (RuntimeException e) {
            log.warn("media files of service {} left behind: {}", chatServiceSid, e.toString());
        }
    }

    /** The stored bytes of a media, with the row that describes them. */
    public record Content(ConversationMedia media, Path file) {
    }

    public Content content(String accountSid, String chatServiceSid, String sid) {
        ConversationMedia m = fetch(accountSid, chatServiceSid, sid);
        return new Content(m, files.path(accountSid, chatServiceSid, sid));
    }

    /**
     * The path and query of the media's {@code content_direct_temporary} URL: its content without credentials until
     * {@link #DIRECT_URL_LIFETIME} from now, signed with the account's auth token (a new token voids it).
     */
    public String directPath(ConversationMedia m) {
        long expires = clock.instant().plus(DIRECT_URL_LIFETIME).getEpochSecond();
        String token = authToken(m.accountSid());
        return path(m.chatServiceSid(), m.sid()) + "/ContentDirectTemporary?AccountSid=" + m.accountSid()
                + "&Expires=" + expires + "&Signature=" + signature(token, m.accountSid(), m.chatServiceSid(), m.sid(),
                expires);
    }

    /** The content a {@link #directPath} URL names; 20403 when its signature is wrong or its time is over. */
    public Content directContent(String accountSid, String chatServiceSid, String sid, String expires,
            String signature) {
        ApiException refused = ApiException.forbidden("The temporary media URL is invalid or has expired");
        if (accountSid == null || expires == null || signature == null || !accountSid.matches("AC[0-9a-f]{32}")) {
            throw refused;
        }
        long until;
        try {
            until = Long.parseLong(expires);
        } catch (NumberFormatException e) {
            throw refused;
        }
        String token = storage.read(tx -> tx.accounts().find(accountSid)).map(Account::authToken).orElse(null);
        if (token == null || until < clock.instant().getEpochSecond() || !MessageDigest.isEqual(
                signature(token, accountSid, chatServiceSid, sid, until).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII))) {
            throw refused;
        }
        return content(accountSid, chatServiceSid, sid);
    }

    private String authToken(String accountSid) {
        return storage.read(tx -> tx.accounts().find(accountSid)).map(Account::authToken)
                .orElseThrow(() -> new IllegalStateException("no account " + accountSid));
    }

    private static String signature(String token, String accountSid, String chatServiceSid, String sid, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String data = accountSid + "/" + chatServiceSid + "/" + sid + "/" + expires;
            return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** The media of these messages, by SID (another account's are never found). */
    public Map<String, ConversationMedia> of(String accountSid, Collection<ConversationMessage> messages) {
        List<String> sids = messages.stream().flatMap(m -> m.mediaSids().stream()).distinct().toList();
        if (sids.isEmpty()) {
            return Map.of();
        }
        return storage.read(tx -> tx.conversationMedia().all(accountSid, sids)).stream()
                .collect(Collectors.toMap(ConversationMedia::sid, Function.identity()));
    }

    /**
     * Makes the media a handset sent by MMS (already stored as the received message's {@code ME} media) media of the
     * chat service, unattached, inside the caller's transaction: the same bytes (hard links), new SIDs. Returns the
     * new SIDs in the message's media order.
     */
    List<String> adopt(Tx tx, String chatServiceSid, String author, List<Media> received) {
        Instant now = clock.instant();
        List<String> sids = new ArrayList<>();
        for (Media r : received) {
            String sid = ids.sid("ME");
            try {
                files.link(files.path(r.accountSid(), r.messageSid(), r.sid()),
                        files.prepare(r.accountSid(), chatServiceSid, sid));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot keep media " + r.sid() + " of " + r.messageSid()
                        + " for chat service " + chatServiceSid, e);
            }
            tx.conversationMedia().insert(new ConversationMedia(sid, r.accountSid(), chatServiceSid,
                    r.contentType(), null, r.size(), author, null, null, now, now));
            sids.add(sid);
        }
        return sids;
    }

    /**
     * Attaches the media {@code m} names to it, inside the transaction that adds it: each must be a media of the
     * account in the message's chat service (50507) not yet carried by another message (50508). A refusal throws,
     * so the message and everything written with it roll back.
     */
    public static void attach(Tx tx, ConversationMessage m) {
        for (String sid : m.mediaSids()) {
            ConversationMedia media = attachable(tx, m.accountSid(), m.chatServiceSid(), sid);
            if (!tx.conversationMedia().attach(media.attachedTo(m.conversationSid(), m.sid(), m.dateCreated()))) {
                throw alreadySent(sid);
            }
        }
    }

    /** The refusals {@link #attach} would make, checked without writing (before a pre-event hook is asked). */
    public static void checkAttachable(Tx tx, Conversation conv, List<String> mediaSids) {
        Set<String> seen = new HashSet<>();
        for (String sid : mediaSids) {
            attachable(tx, conv.accountSid(), conv.chatServiceSid(), sid);
            if (!seen.add(sid)) {
                throw alreadySent(sid);
            }
        }
    }

    private static ConversationMedia attachable(Tx tx, String accountSid, String chatServiceSid, String sid) {
        ConversationMedia media = tx.conversationMedia().find(accountSid, chatServiceSid, sid)
                .orElseThrow(() -> ApiException.badRequest(50507, "Media " + sid + " not found in Conversation "
                        + "Service " + chatServiceSid));
        if (media.attached()) {
            throw alreadySent(sid);
        }
        return media;
    }

    private static ApiException alreadySent(String sid) {
        return ApiException.badRequest(50508, "Media " + sid + " is already sent with another message");
    }

    /** The media's path on the MCS surface, below the public URL. */
    public static String path(String chatServiceSid, String sid) {
        return "/mcs/v1/Services/" + chatServiceSid + "/Media/" + sid;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
