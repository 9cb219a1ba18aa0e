package dev.parley.store;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.content.Content;
import dev.parley.core.content.ContentStore;
import dev.parley.core.content.WhatsAppApproval;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** Content API templates ({@code contents}) and their WhatsApp approvals ({@code content_approvals}), V29. */
final class SqlContentStore implements ContentStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Table<Record> CONTENTS = table(name("contents"));
    private static final Field<String> ACCOUNT_SID = field(name("account_sid"), String.class);
    private static final Field<String> SID = field(name("sid"), String.class);
    private static final Field<String> FRIENDLY_NAME = field(name("friendly_name"), String.class);
    private static final Field<String> LANGUAGE = field(name("language"), String.class);
    private static final Field<String> VARIABLES = field(name("variables"), String.class);
    private static final Field<String> TYPES = field(name("types"), String.class);
    private static final Field<Long> DATE_CREATED = field(name("date_created"), Long.class);
    private static final Field<Long> DATE_UPDATED = field(name("date_updated"), Long.class);

    private static final Table<Record> APPROVALS = table(name("content_approvals"));
    private static final Field<String> CONTENT_SID = field(name("content_sid"), String.class);
    private static final Field<String> CHANNEL = field(name("channel"), String.class);
    private static final Field<String> NAME = field(name("name"), String.class);
    private static final Field<String> CATEGORY = field(name("category"), String.class);
    private static final Field<String> STATUS = field(name("status"), String.class);
    private static final Field<String> REJECTION_REASON = field(name("rejection_reason"), String.class);
    private static final Field<String> TEMPLATE_ID = field(name("template_id"), String.class);

    private final Jdbc jdbc;

    SqlContentStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void insert(Content c) {
        jdbc.dsl().insertInto(CONTENTS)
                .set(ACCOUNT_SID, c.accountSid())
                .set(SID, c.sid())
                .set(FRIENDLY_NAME, c.friendlyName() == null ? "" : c.friendlyName())
                .set(LANGUAGE, c.language())
                .set(VARIABLES, JsonLists.writeMap(c.variables()))
                .set(TYPES, c.types().toString())
                .set(DATE_CREATED, Micros.of(c.dateCreated()))
                .set(DATE_UPDATED, Micros.of(c.dateUpdated()))
                .execute();
    }

    @Override
    public Optional<Content> find(String accountSid, String sid) {
        return jdbc.dsl().select().from(CONTENTS).where(ACCOUNT_SID.eq(accountSid), SID.eq(sid))
                .fetchOptional(SqlContentStore::content);
    }

    @Override
    public Page<Content> list(String accountSid, PageRequest page) {
        return Paging.newestFirst(jdbc.dsl(), CONTENTS, ACCOUNT_SID.eq(accountSid), DATE_CREATED, SID, page,
                SqlContentStore::content);
    }

    @Override
    public boolean delete(String accountSid, String sid) {
        jdbc.dsl().deleteFrom(APPROVALS).where(ACCOUNT_SID.eq(accountSid), CONTENT_SID.eq(sid)).execute();
        return jdbc.dsl().deleteFrom(CONTENTS).where(ACCOUNT_SID.eq(accountSid), SID.eq(sid)).execute() > 0;
    }

    @Override
    public void putApproval(WhatsAppApproval a) {
        int updated = jdbc.dsl().update(APPROVALS)
                .set(NAME, a.name())
                .set(CATEGORY, a.category())
                .set(STATUS, a.status())
                .set(REJECTION_REASON, reason(a))
                .set(TEMPLATE_ID, a.templateId())
                .set(DATE_UPDATED, Micros.of(a.dateUpdated()))
                .where(ACCOUNT_SID.eq(a.accountSid()), CONTENT_SID.eq(a.contentSid()), CHANNEL.eq(a.channel()))
                .execute();
        if (updated == 0) {
            jdbc.dsl().insertInto(APPROVALS)
                    .set(ACCOUNT_SID, a.accountSid())
                    .set(CONTENT_SID, a.contentSid())
                    .set(CHANNEL, a.channel())
                    .set(NAME, a.name())
                    .set(CATEGORY, a.category())
                    .set(STATUS, a.status())
                    .set(REJECTION_REASON, reason(a))
                    .set(TEMPLATE_ID, a.templateId())
                    .set(DATE_CREATED, Micros.of(a.dateCreated()))
                    .set(DATE_UPDATED, Micros.of(a.dateUpdated()))
                    .execute();
        }
    }

    private static String reason(WhatsAppApproval a) {
        return a.rejectionReason() == null ? "" : a.rejectionReason();
    }

    @Override
    public List<WhatsAppApproval> approvals(String accountSid, String contentSid) {
        return jdbc.dsl().select().from(APPROVALS).where(ACCOUNT_SID.eq(accountSid), CONTENT_SID.eq(contentSid))
                .orderBy(DATE_CREATED, CHANNEL).fetch(SqlContentStore::approval);
    }

    @Override
    public List<WhatsAppApproval> approvals(String accountSid, Collection<String> contentSids) {
        if (contentSids.isEmpty()) {
            return List.of();
        }
        return jdbc.dsl().select().from(APPROVALS).where(ACCOUNT_SID.eq(accountSid), CONTENT_SID.in(contentSids))
                .fetch(SqlContentStore::approval);
    }

    @Override
    public List<WhatsAppApproval> approvalsByTemplate(String channel, String templateId) {
        return jdbc.dsl().select().from(APPROVALS).where(CHANNEL.eq(channel), TEMPLATE_ID.eq(templateId))
                .orderBy(DATE_CREATED).fetch(SqlContentStore::approval);
    }

    @Override
    public List<WhatsAppApproval> approvalsByName(String channel, String name) {
        return jdbc.dsl().select().from(APPROVALS).where(CHANNEL.eq(channel), NAME.eq(name))
                .orderBy(DATE_CREATED).fetch(SqlContentStore::approval);
    }

    private static Content content(Record r) {
        return new Content(r.get(SID), r.get(ACCOUNT_SID), r.get(FRIENDLY_NAME), r.get(LANGUAGE),
                JsonLists.readMap(r.get(VARIABLES)), types(r.get(TYPES)), Micros.toInstant(r.get(DATE_CREATED)),
                Micros.toInstant(r.get(DATE_UPDATED)));
    }

    private static ObjectNode types(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored content types are not JSON", e);
        }
        throw new IllegalStateException("stored content types are not a JSON object");
    }

    private static WhatsAppApproval approval(Record r) {
        return new WhatsAppApproval(r.get(CONTENT_SID), r.get(ACCOUNT_SID), r.get(NAME), r.get(CATEGORY),
                r.get(STATUS), r.get(REJECTION_REASON), r.get(CHANNEL), r.get(TEMPLATE_ID),
                Micros.toInstant(r.get(DATE_CREATED)), Micros.toInstant(r.get(DATE_UPDATED)));
    }
}
