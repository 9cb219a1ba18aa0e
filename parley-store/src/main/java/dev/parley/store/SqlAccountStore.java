package dev.parley.store;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.parley.core.account.Account;
import dev.parley.core.account.AccountStatus;
import dev.parley.core.account.AccountStore;
import dev.parley.core.account.ApiKey;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** Accounts and API keys. The accounts table is keyed by its own SID, which is the account SID. */
final class SqlAccountStore implements AccountStore {

    private static final class Accounts {
        static final Table<Record> TABLE = table(name("accounts"));
        static final Field<String> SID = field(name("sid"), String.class);
        static final Field<String> OWNER = field(name("owner_account_sid"), String.class);
        static final Field<String> FRIENDLY_NAME = field(name("friendly_name"), String.class);
        static final Field<String> STATUS = field(name("status"), String.class);
        static final Field<String> AUTH_TOKEN = field(name("auth_token"), String.class);
        static final Field<Long> DATE_CREATED = field(name("date_created"), Long.class);
        static final Field<Long> DATE_UPDATED = field(name("date_updated"), Long.class);
        static final List<Field<?>> ALL = List.of(SID, OWNER, FRIENDLY_NAME, STATUS, AUTH_TOKEN, DATE_CREATED, DATE_UPDATED);
    }

    private static final class Keys {
        static final Table<Record> TABLE = table(name("api_keys"));
        static final Field<String> ACCOUNT_SID = field(name("account_sid"), String.class);
        static final Field<String> SID = field(name("sid"), String.class);
        static final Field<String> FRIENDLY_NAME = field(name("friendly_name"), String.class);
        static final Field<String> SECRET_HASH = field(name("secret_hash"), String.class);
        static final Field<String> SIGNING_SECRET = field(name("signing_secret"), String.class);
        static final Field<Long> DATE_CREATED = field(name("date_created"), Long.class);
        static final Field<Long> DATE_UPDATED = field(name("date_updated"), Long.class);
    }

    private static final String FIND = "SELECT sid, owner_account_sid, friendly_name, status, auth_token, date_created,"
            + " date_updated FROM accounts WHERE sid = ?";
    private static final String FIND_KEY = "SELECT sid, account_sid, friendly_name, secret_hash, date_created,"
            + " date_updated FROM api_keys WHERE sid = ?";

    private final Jdbc jdbc;

    SqlAccountStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void insert(Account a) {
        jdbc.dsl().insertInto(Accounts.TABLE)
                .set(Accounts.SID, a.sid())
                .set(Accounts.OWNER, a.ownerAccountSid())
                .set(Accounts.FRIENDLY_NAME, a.friendlyName())
                .set(Accounts.STATUS, a.status().name())
                .set(Accounts.AUTH_TOKEN, a.authToken())
                .set(Accounts.DATE_CREATED, Micros.of(a.dateCreated()))
                .set(Accounts.DATE_UPDATED, Micros.of(a.dateUpdated()))
                .execute();
    }

    @Override
    public void update(Account a) {
        jdbc.dsl().update(Accounts.TABLE)
                .set(Accounts.OWNER, a.ownerAccountSid())
                .set(Accounts.FRIENDLY_NAME, a.friendlyName())
                .set(Accounts.STATUS, a.status().name())
                .set(Accounts.AUTH_TOKEN, a.authToken())
                .set(Accounts.DATE_UPDATED, Micros.of(a.dateUpdated()))
                .where(Accounts.SID.eq(a.sid()))
                .execute();
    }

    @Override
    public Optional<Account> find(String sid) {
        return jdbc.one(FIND, s -> s.setString(1, sid), r -> new Account(r.getString(1), r.getString(2),
                r.getString(3), AccountStatus.valueOf(r.getString(4)), r.getString(5),
                Micros.toInstant(Jdbc.getLong(r, 6)), Micros.toInstant(Jdbc.getLong(r, 7))));
    }

    @Override
    public Page<Account> listFamily(String ownerSid, String friendlyName, AccountStatus status, PageRequest page) {
        Condition where = Accounts.SID.eq(ownerSid).or(Accounts.OWNER.eq(ownerSid));
        if (friendlyName != null) {
            where = where.and(Accounts.FRIENDLY_NAME.eq(friendlyName));
        }
        if (status != null) {
            where = where.and(Accounts.STATUS.eq(status.name()));
        }
        return Paging.newestFirst(jdbc.dsl(), Accounts.TABLE, where, Accounts.DATE_CREATED, Accounts.SID, page,
                SqlAccountStore::account);
    }

    @Override
    public Optional<Account> findFirstMain() {
        return jdbc.dsl().select(Accounts.ALL).from(Accounts.TABLE)
                .where(Accounts.SID.eq(Accounts.OWNER))
                .orderBy(Accounts.DATE_CREATED.asc(), Accounts.SID.asc())
                .limit(1)
                .fetchOptional(SqlAccountStore::account);
    }

    @Override
    public List<Account> subaccounts(String parentSid) {
        return jdbc.dsl().select(Accounts.ALL).from(Accounts.TABLE)
                .where(Accounts.OWNER.eq(parentSid).and(Accounts.SID.ne(parentSid)))
                .orderBy(Accounts.DATE_CREATED.desc(), Accounts.SID.desc())
                .fetch(SqlAccountStore::account);
    }

    @Override
    public void insertKey(ApiKey k) {
        jdbc.dsl().insertInto(Keys.TABLE)
                .set(Keys.ACCOUNT_SID, k.accountSid())
                .set(Keys.SID, k.sid())
                .set(Keys.FRIENDLY_NAME, k.friendlyName())
                .set(Keys.SECRET_HASH, k.secretHash())
                .set(Keys.DATE_CREATED, Micros.of(k.dateCreated()))
                .set(Keys.DATE_UPDATED, Micros.of(k.dateUpdated()))
                .execute();
    }

    @Override
    public Optional<ApiKey> findKey(String sid) {
        return jdbc.one(FIND_KEY, s -> s.setString(1, sid), r -> new ApiKey(r.getString(1), r.getString(2),
                r.getString(3), r.getString(4), Micros.toInstant(Jdbc.getLong(r, 5)),
                Micros.toInstant(Jdbc.getLong(r, 6))));
    }

    @Override
    public Page<ApiKey> listKeys(String accountSid, PageRequest page) {
        return Paging.newestFirst(jdbc.dsl(), Keys.TABLE, Keys.ACCOUNT_SID.eq(accountSid), Keys.DATE_CREATED, Keys.SID, page,
                SqlAccountStore::key);
    }

    @Override
    public boolean deleteKey(String accountSid, String sid) {
        return jdbc.dsl().deleteFrom(Keys.TABLE).where(Keys.ACCOUNT_SID.eq(accountSid), Keys.SID.eq(sid)).execute() > 0;
    }

    @Override
    public void keepSigningSecret(String keySid, String secret) {
        jdbc.dsl().update(Keys.TABLE).set(Keys.SIGNING_SECRET, secret).where(Keys.SID.eq(keySid)).execute();
    }

    @Override
    public Optional<String> signingSecret(String keySid) {
        return jdbc.dsl().select(Keys.SIGNING_SECRET).from(Keys.TABLE).where(Keys.SID.eq(keySid))
                .fetchOptional().map(r -> r.get(Keys.SIGNING_SECRET));
    }

    private static Account account(Record r) {
        return new Account(r.get(Accounts.SID), r.get(Accounts.OWNER), r.get(Accounts.FRIENDLY_NAME),
                AccountStatus.valueOf(r.get(Accounts.STATUS)), r.get(Accounts.AUTH_TOKEN),
                Micros.toInstant(r.get(Accounts.DATE_CREATED)), Micros.toInstant(r.get(Accounts.DATE_UPDATED)));
    }

    private static ApiKey key(Record r) {
        return new ApiKey(r.get(Keys.SID), r.get(Keys.ACCOUNT_SID), r.get(Keys.FRIENDLY_NAME), r.get(Keys.SECRET_HASH),
                Micros.toInstant(r.get(Keys.DATE_CREATED)), Micros.toInstant(r.get(Keys.DATE_UPDATED)));
    }
}
