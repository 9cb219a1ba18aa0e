package dev.parley.core.media;

import dev.parley.core.error.ApiException;
import dev.parley.core.id.IdGenerator;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import dev.parley.core.tx.Storage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Twilio's Media sub-resource of a message (list, fetch, delete, the content itself) and the fetching of media
 * URLs into {@link MediaFiles} for the work queue. Reads and deletes are scoped by account and message: a media is
 * found only through the message it belongs to, in the account that owns that message.
 */
public final class MediaService {
    private static final Logger log = LoggerFactory.getLogger(MediaService.class);
    private final Storage storage;
    private final MediaFiles files;
    private final MediaFetcher fetcher;
    private final IdGenerator ids;
    private final Clock clock;
    private final StoredMediaUrls storedUrls;

    public MediaService(Storage storage, MediaFiles files, MediaFetcher fetcher, IdGenerator ids, Clock clock) {
        this(storage, files, fetcher, ids, clock, StoredMediaUrls.NONE);
    }

    /** With {@code stored}: URLs naming media already stored in Parley are taken from the data directory. */
    public MediaService(Storage storage, MediaFiles files, MediaFetcher fetcher, IdGenerator ids, Clock clock,
            StoredMediaUrls stored) {
        this.storage = storage;
        this.files = files;
        this.fetcher = fetcher;
        this.ids = ids;
        this.clock = clock;
        this.storedUrls = stored;
    }

    /** What fetching a message's media came to: the media stored as files (rows not yet written), the failure. */
    public record Collected(List<Media> stored, MediaFetcher.Result.Failed failure) {
    }

    /**
     * Fetches the URLs (those naming media stored here are taken from the data directory: {@link StoredMediaUrls}),
     * all at once on virtual threads (so ten media take as long as the slowest, well inside a
     * job's lease), each into a new file of the message. With {@code stopAtFailure} (outbound: one bad URL fails
     * the message) any failure ends it, the first URL's in {@code MediaUrl} order is reported and every file
     * written is deleted; without it (inbound) a URL that cannot be fetched is left out. Writes no rows: the
     * caller inserts {@link Collected#stored()}, positions in {@code MediaUrl} order, in the transaction that
     * commits the outcome.
     */
    public Collected collect(String accountSid, String messageSid, List<String> urls, boolean stopAtFailure) {
        Instant now = clock.instant();
        List<String> sids = urls.stream().map(u -> ids.sid("ME")).toList();
        List<MediaFetcher.Result> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<MediaFetcher.Result>> running = new ArrayList<>();
            for (int i = 0; i < urls.size(); i++) {
                Path target = files.prepare(accountSid, messageSid, sids.get(i));
                String url = urls.get(i);
                running.add(pool.submit(() -> storedUrls.copy(accountSid, url, target)
                        .orElseGet(() -> fetcher.fetch(url, target))));
            }
            for (Future<MediaFetcher.Result> f : running) {
                results.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sids.forEach(sid -> files.delete(accountSid, messageSid, sid));
            throw new IllegalStateException("interrupted while fetching media of " + messageSid, e);
        } catch (ExecutionException e) {
            sids.forEach(sid -> files.delete(accountSid, messageSid, sid));
            throw new IllegalStateException("fetching media of " + messageSid + " failed", e.getCause());
        }
        List<Media> stored = new ArrayList<>();
        MediaFetcher.Result.Failed firstFailure = null;
        for (int i = 0; i < results.size(); i++) {
            switch (results.get(i)) {
                case MediaFetcher.Result.Fetched f -> stored.add(new Media(sids.get(i), accountSid, messageSid,
                        stored.size(), f.contentType(), f.size(), now));
                case MediaFetcher.Result.Failed f -> {
                    log.info("media {} of message {} not fetched: {} {}", i, messageSid, f.code(), f.reason());
                    firstFailure = firstFailure == null ? f : firstFailure;
                }
            }
        }
        if (stopAtFailure && firstFailure != null) {
            stored.forEach(m -> files.delete(accountSid, messageSid, m.sid()));
            return new Collected(List.of(), firstFailure);
        }
        return new Collected(List.copyOf(stored), null);
    }

    /**
     * Deletes the files of media {@link #collect collected} but not kept (the message was deleted meanwhile, or
     * another run of the job stored its media first): no row will ever point at them. Never throws.
     */
    public void discard(Collected collected) {
        for (Media m : collected.stored()) {
            removeFiles(() -> files.delete(m.accountSid(), m.messageSid(), m.sid()), m.sid());
        }
    }

    /** The message's media, newest first; 20404 when the account has no such message. */
    public Page<Media> list(String accountSid, String messageSid, PageRequest page) {
        return list(accountSid, messageSid, null, null, page);
    }

    /** {@link #list(String, String, PageRequest)} of the media created in {@code [from, until)}; null: open. */
    public Page<Media> list(String accountSid, String messageSid, Instant from, Instant until, PageRequest page) {
        return storage.read(tx -> {
            if (tx.messages().find(accountSid, messageSid).isEmpty()) {
                throw ApiException.notFound(messagePath(accountSid, messageSid) + "/Media.json");
            }
            return tx.media().list(accountSid, messageSid, from, until, page);
        });
    }

    /** Every media of the message in {@code MediaUrl} order; empty when there is none (or no such message). */
    public List<Media> of(String accountSid, String messageSid) {
        return storage.read(tx -> tx.media().all(accountSid, messageSid));
    }

    public Media fetch(String accountSid, String messageSid, String sid) {
        return storage.read(tx -> tx.media().find(accountSid, messageSid, sid))
                .orElseThrow(() -> notFound(accountSid, messageSid, sid));
    }

    /** The stored bytes of a media, with the row that describes them. */
    public record Content(Media media, Path file) {
    }

    public Content content(String accountSid, String messageSid, String sid) {
        Media media = fetch(accountSid, messageSid, sid);
        return new Content(media, files.path(accountSid, messageSid, sid));
    }

    /** Deletes the row, then (once that is committed) the file; a file that cannot be removed is only logged. */
    public void delete(String accountSid, String messageSid, String sid) {
        boolean deleted = storage.write(tx -> tx.media().delete(accountSid, messageSid, sid));
        if (!deleted) {
            throw notFound(accountSid, messageSid, sid);
        }
        removeFiles(() -> files.delete(accountSid, messageSid, sid), sid);
    }

    /**
     * Deletes the files of a message whose rows are already gone (the message was deleted). Never throws: the
     * deletion is committed, and a file left behind is only disk space, never visible through the API.
     */
    public void deleteFiles(String accountSid, String messageSid) {
        removeFiles(() -> files.deleteMessage(accountSid, messageSid), messageSid);
    }

    private static void removeFiles(Runnable removal, String sid) {
        try {
            removal.run();
        } catch (RuntimeException e) {
            log.warn("media files of {} left behind: {}", sid, e.toString());
        }
    }

    /** The media's content URI, relative to the API's base URL (Twilio's form, without {@code .json}). */
    public static String contentUri(Media m) {
        return messagePath(m.accountSid(), m.messageSid()) + "/Media/" + m.sid();
    }

    private static String messagePath(String accountSid, String messageSid) {
        return "/2010-04-01/Accounts/" + accountSid + "/Messages/" + messageSid;
    }

    private static ApiException notFound(String accountSid, String messageSid, String sid) {
        return ApiException.notFound(messagePath(accountSid, messageSid) + "/Media/" + sid + ".json");
    }
}
