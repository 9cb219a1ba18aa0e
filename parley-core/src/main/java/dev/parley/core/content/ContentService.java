package dev.parley.core.content;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.error.ApiException;
import dev.parley.core.id.IdGenerator;
import dev.parley.core.message.channel.Channel;
import dev.parley.core.message.channel.Channels;
import dev.parley.core.number.ChannelNames;
import dev.parley.core.number.IncomingPhoneNumber;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import dev.parley.core.tx.Storage;
import dev.parley.core.tx.Tx;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Content API ({@code /content/v1}): templates ({@code HX…}) and their WhatsApp approvals. Every refusal is an
 * {@link ApiException} thrown before anything is written; a returned resource is committed. An account sees only its
 * own contents (a Content SID belongs to one account, as on Twilio).
 *
 * <p>A WhatsApp approval request goes to the channels the account's WhatsApp senders are bound to
 * ({@code WhatsAppChannel}) that submit templates to their provider ({@link TemplateSubmitter}: a WhatsApp Cloud API
 * connection) and that the account may use, outside any transaction; each channel's answer is stored as that
 * channel's approval, and later reports arrive through {@link #update} ({@link TemplateStatusSink}). With no such
 * channel the account's WhatsApp senders are the simulator's, and the request is approved at once.
 */
public final class ContentService implements ContentDirectory, TemplateStatusSink {
    private static final Logger LOG = LoggerFactory.getLogger(ContentService.class);
    private static final Pattern SID = Pattern.compile("HX[0-9a-fA-F]{32}");
    /** Meta's rule for a template name: lower-case letters, digits and underscores. */
    private static final Pattern TEMPLATE_NAME = Pattern.compile("[a-z0-9_]{1,512}");
    private static final Set<String> CATEGORIES = Set.of("UTILITY", "MARKETING", "AUTHENTICATION");
    private static final Set<String> STATUSES = Set.of("received", "pending", "approved", "rejected", "paused",
            "disabled");
    /** Statuses a provider's late report of {@code received} or {@code pending} must not undo. */
    private static final Set<String> DECIDED = Set.of("approved", "rejected", "paused", "disabled");
    /** Which approval of several (one per channel) the API shows: the most usable one. */
    private static final List<String> PREFERENCE = List.of("approved", "pending", "received", "paused", "disabled",
            "rejected");

    private final Storage storage;
    private final IdGenerator ids;
    private final Clock clock;
    private final Channels channels;
    private final ChannelNames channelNames;

    public ContentService(Storage storage, IdGenerator ids, Clock clock, Channels channels,
            ChannelNames channelNames) {
        this.storage = storage;
        this.ids = ids;
        this.clock = clock;
        this.channels = channels;
        this.channelNames = channelNames;
    }

    /** A create request's fields, as Twilio's {@code ContentCreateRequest} names them. */
    public record Draft(String friendlyName, String language, JsonNode variables, JsonNode types) {
    }

    public Content create(String accountSid, Draft draft) {
        if (draft.language() == null || draft.language().isBlank()) {
            throw ApiException.badRequest(20001, "Missing required parameter language in the request body");
        }
        if (draft.language().length() > 35 || draft.language().indexOf('\0') >= 0) {
            throw ApiException.badRequest(20001, "Invalid language: " + draft.language());
        }
        if (draft.types() == null || draft.types().isNull()) {
            throw ApiException.badRequest(20001, "Missing required parameter types in the request body");
        }
        if (draft.friendlyName() != null && draft.friendlyName().indexOf('\0') >= 0) {
            throw ApiException.badRequest(20001, "Invalid friendly_name: it holds a NUL character");
        }
        ContentTypes.check(draft.types());
        Map<String, String> variables = variables(draft.variables());
        Instant now = clock.instant();
        Content content = new Content(ids.sid("HX"), accountSid,
                draft.friendlyName() == null ? "" : draft.friendlyName(), draft.language().strip(), variables,
                ((ObjectNode) draft.types()).deepCopy(), now, now);
        storage.writeVoid(tx -> tx.contents().insert(content));
        return content;
    }

    private static Map<String, String> variables(JsonNode node) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw ApiException.badRequest(20001, "Invalid content: variables must be an object of strings");
        }
        Map<String, String> values = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!e.getValue().isTextual()) {
                throw ApiException.badRequest(20001, "Invalid content: variables." + e.getKey() + " must be a string");
            }
            values.put(e.getKey(), e.getValue().asText());
        }
        return values;
    }

    public Content fetch(String accountSid, String sid) {
        return storage.read(tx -> tx.contents().find(accountSid, sid)).orElseThrow(() -> notFound(sid));
    }

    public Page<Content> list(String accountSid, PageRequest page) {
        return storage.read(tx -> tx.contents().list(accountSid, page));
    }

    /** A page of contents with each one's WhatsApp approval (null when never submitted). */
    public Page<ContentAndApproval> listWithApprovals(String accountSid, PageRequest request) {
        return storage.read(tx -> {
            Page<Content> page = tx.contents().list(accountSid, request);
            List<WhatsAppApproval> all = tx.contents().approvals(accountSid,
                    page.items().stream().map(Content::sid).toList());
            List<ContentAndApproval> items = page.items().stream().map(c -> new ContentAndApproval(c,
                    summary(all.stream().filter(a -> a.contentSid().equals(c.sid())).toList()).orElse(null)))
                    .toList();
            return new Page<>(items, page.next(), page.previous());
        });
    }

    /** A content and the approval the API shows for it. */
    public record ContentAndApproval(Content content, WhatsAppApproval approval) {
    }

    /** Deletes the content and its approvals (a template at a provider stays there). */
    public void delete(String accountSid, String sid) {
        if (!storage.write(tx -> tx.contents().delete(accountSid, sid))) {
            throw notFound(sid);
        }
    }

    /** The approval the API shows for the content; empty when it was never submitted. */
    public Optional<WhatsAppApproval> approval(String accountSid, String sid) {
        return storage.read(tx -> {
            tx.contents().find(accountSid, sid).orElseThrow(() -> notFound(sid));
            return summary(tx.contents().approvals(accountSid, sid));
        });
    }

    /**
     * Submits the content for WhatsApp approval as template {@code name} in {@code category}; returns the approval
     * the API shows afterwards. Refused when the content was already submitted and not rejected.
     */
    public WhatsAppApproval requestWhatsAppApproval(String accountSid, String sid, String name, String category) {
        if (name == null || !TEMPLATE_NAME.matcher(name).matches()) {
            throw ApiException.badRequest(20001, "Invalid name: a WhatsApp template name is 1 to 512 lower-case"
                    + " letters, digits and underscores (was " + (name == null ? "missing" : "'" + name + "'") + ")");
        }
        String cat = category == null ? null : category.strip().toUpperCase(Locale.ROOT);
        if (cat == null || !CATEGORIES.contains(cat)) {
            throw ApiException.badRequest(20001, "Invalid category: " + category + " (one of " + CATEGORIES + ")");
        }
        Content content = storage.read(tx -> {
            Content c = tx.contents().find(accountSid, sid).orElseThrow(() -> notFound(sid));
            summary(tx.contents().approvals(accountSid, sid)).filter(a -> !a.status().equals("rejected"))
                    .ifPresent(a -> {
                        throw ApiException.badRequest(20001, "Content " + sid + " was already submitted for WhatsApp"
                                + " approval as '" + a.name() + "' (" + a.status() + ")");
                    });
            return c;
        });
        List<WhatsAppApproval> results = new ArrayList<>();
        List<Channel> submitters = submitters(accountSid);
        Instant now = clock.instant();
        if (submitters.isEmpty()) {
            results.add(new WhatsAppApproval(sid, accountSid, name, cat, "approved", "", Channels.SIMULATOR, null,
                    now, now));
        }
        for (Channel channel : submitters) {
            results.add(submit((TemplateSubmitter) channel, channel.name(), content, name, cat, now));
        }
        return storage.write(tx -> {
            tx.contents().find(accountSid, sid).orElseThrow(() -> notFound(sid));
            results.forEach(tx.contents()::putApproval);
            return summary(tx.contents().approvals(accountSid, sid)).orElseThrow();
        });
    }

    private List<Channel> submitters(String accountSid) {
        Set<String> bound = storage.read(tx -> whatsAppChannels(tx, accountSid));
        return channels.all().stream()
                .filter(c -> c instanceof TemplateSubmitter && bound.contains(c.name())
                        && channelNames.usableBy(accountSid, c.name()))
                .sorted(Comparator.comparing(Channel::name))
                .toList();
    }

    /** The channels the account's WhatsApp senders are bound to (read page by page: approval requests are rare). */
    private static Set<String> whatsAppChannels(Tx tx, String accountSid) {
        Set<String> names = new HashSet<>();
        PageRequest request = PageRequest.first(PageRequest.MAX_SIZE);
        while (request != null) {
            Page<IncomingPhoneNumber> page = tx.numbers().list(accountSid, null, null, request);
            page.items().stream().map(IncomingPhoneNumber::whatsAppChannel).filter(Objects::nonNull)
                    .forEach(names::add);
            request = page.next() == null ? null
                    : new PageRequest(PageRequest.MAX_SIZE, request.page() + 1, page.next());
        }
        return names;
    }

    private WhatsAppApproval submit(TemplateSubmitter submitter, String channel, Content content, String name,
            String category, Instant now) {
        try {
            TemplateSubmitter.Submitted s = submitter.submit(content, name, category);
            String status = STATUSES.contains(s.status()) ? s.status() : "received";
            return new WhatsAppApproval(content.sid(), content.accountSid(), name, category, status, "", channel,
                    s.templateId(), now, now);
        } catch (TemplateSubmitter.TemplateRefused e) {
            return new WhatsAppApproval(content.sid(), content.accountSid(), name, category, "rejected",
                    e.getMessage() == null ? "" : e.getMessage(), channel, null, now, now);
        } catch (RuntimeException e) {
            // The provider could not be asked (ProviderUnavailable, or a channel's own failure): nothing is stored,
            // so the request can be made again.
            LOG.warn("Template {} of content {} could not be submitted through {}: {}", name, content.sid(), channel,
                    e instanceof TemplateSubmitter.ProviderUnavailable ? e.getMessage() : e.getClass().getSimpleName());
            throw new ApiException(20503, 503, "The WhatsApp channel " + channel
                    + " could not submit the template to its provider; try again later.");
        }
    }

    @Override
    public Optional<Content> find(String accountSid, String contentSid) {
        return storage.read(tx -> tx.contents().find(accountSid, contentSid));
    }

    @Override
    public Optional<WhatsAppApproval> whatsAppApproval(String accountSid, String contentSid) {
        return storage.read(tx -> summary(tx.contents().approvals(accountSid, contentSid)));
    }

    @Override
    public void update(String channel, String templateId, String name, String language, String status,
            String reason) {
        String next = status == null ? "" : status.strip().toLowerCase(Locale.ROOT);
        if (!STATUSES.contains(next)) {
            LOG.warn("Template status '{}' reported by {} for template {} is not one Parley knows; ignored", status,
                    channel, templateId);
            return;
        }
        Instant now = clock.instant();
        storage.writeVoid(tx -> {
            List<WhatsAppApproval> matching = templateId == null || templateId.isBlank() ? List.of()
                    : tx.contents().approvalsByTemplate(channel, templateId);
            if (matching.isEmpty() && name != null) {
                matching = tx.contents().approvalsByName(channel, name).stream()
                        .filter(a -> tx.contents().find(a.accountSid(), a.contentSid())
                                .filter(c -> sameLanguage(c.language(), language)).isPresent())
                        .toList();
            }
            for (WhatsAppApproval a : matching) {
                String why = reason == null ? "" : reason;
                boolean repeated = a.status().equals(next) && a.rejectionReason().equals(why);
                boolean stale = DECIDED.contains(a.status()) && !DECIDED.contains(next);
                if (!repeated && !stale) {
                    tx.contents().putApproval(new WhatsAppApproval(a.contentSid(), a.accountSid(), a.name(),
                            a.category(), next, next.equals("rejected") ? why : "", a.channel(),
                            templateId == null || templateId.isBlank() ? a.templateId() : templateId,
                            a.dateCreated(), now));
                }
            }
        });
    }

    /** {@code en} matches {@code en}, {@code en_US} and {@code en-US}; a report without a language matches any. */
    static boolean sameLanguage(String content, String reported) {
        if (reported == null || reported.isBlank()) {
            return true;
        }
        String c = content.replace('-', '_').toLowerCase(Locale.ROOT);
        String r = reported.replace('-', '_').toLowerCase(Locale.ROOT);
        return c.equals(r) || r.startsWith(c + "_") || c.startsWith(r + "_");
    }

    /** The approval the API shows of a content's approvals (one per channel): the most usable, then the newest. */
    static Optional<WhatsAppApproval> summary(List<WhatsAppApproval> approvals) {
        return approvals.stream().min(Comparator
                .comparingInt((WhatsAppApproval a) -> rank(a.status()))
                .thenComparing(WhatsAppApproval::dateUpdated, Comparator.reverseOrder()));
    }

    private static int rank(String status) {
        int i = PREFERENCE.indexOf(status);
        return i < 0 ? PREFERENCE.size() : i;
    }

    private static ApiException notFound(String sid) {
        return ApiException.notFound("/content/v1/Content/" + sid);
    }

    /** The content type a WhatsApp template of this content is made from (Twilio's {@code content_type}). */
    public static String whatsAppType(Content content) {
        return ContentRendering.chosenType(content, true);
    }

    static boolean isSid(String sid) {
        return sid != null && SID.matcher(sid).matches();
    }
}
