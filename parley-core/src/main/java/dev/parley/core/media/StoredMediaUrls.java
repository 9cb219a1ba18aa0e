package dev.parley.core.media;

import dev.parley.core.tx.Storage;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Media URLs that name media already stored in this Parley: a Conversation Service's media
 * ({@code <public URL>/mcs/v1/Services/IS…/Media/ME…[/Content]}) or a message's
 * ({@code <public URL>/2010-04-01/Accounts/AC…/Messages/MM…/Media/ME…}). {@link MediaService#collect} takes such a URL
 * from the data directory (a hard link, or a copy where links are not possible) instead of fetching it over HTTP from
 * itself: no credentials are needed, and only the sending account's own media are found, so a URL naming another
 * account's media fails like a URL that answers 404 (11200). Any other URL is left to {@link MediaFetcher}.
 */
public final class StoredMediaUrls {
    private static final String SID = "[0-9a-f]{32}";
    private static final Pattern MCS = Pattern.compile("/mcs/v1/Services/(IS" + SID + ")/Media/(ME" + SID
            + ")(?:/Content)?");
    private static final Pattern API = Pattern.compile("/2010-04-01/Accounts/(AC" + SID + ")/Messages/((?:SM|MM)"
            + SID + ")/Media/(ME" + SID + ")");
    /** Names no stored media: every URL is fetched. */
    public static final StoredMediaUrls NONE = new StoredMediaUrls(null, null, null);
    private final Storage storage;
    private final MediaFiles files;
    private final String publicUrl;

    public StoredMediaUrls(Storage storage, MediaFiles files, String publicUrl) {
        this.storage = storage;
        this.files = files;
        this.publicUrl = publicUrl;
    }

    /** Where stored bytes are and what they are. */
    private record Source(Path file, String contentType, long size) {
    }

    /**
     * When {@code url} names media stored here, puts that media of {@code accountSid} at {@code target} and returns
     * the outcome (a failure when the account has no such media); empty when the URL must be fetched.
     */
    public Optional<MediaFetcher.Result> copy(String accountSid, String url, Path target) {
        if (publicUrl == null || !url.startsWith(publicUrl + "/")) {
            return Optional.empty();
        }
        String path = url.substring(publicUrl.length());
        int query = path.indexOf('?');
        path = query < 0 ? path : path.substring(0, query);
        Matcher mcs = MCS.matcher(path);
        Matcher api = API.matcher(path);
        Optional<Source> source;
        if (mcs.matches()) {
            source = storage.read(tx -> tx.conversationMedia().find(accountSid, mcs.group(1), mcs.group(2)))
                    .map(m -> new Source(files.path(accountSid, m.chatServiceSid(), m.sid()), m.contentType(),
                            m.size()));
        } else if (api.matches()) {
            source = !api.group(1).equals(accountSid) ? Optional.empty()
                    : storage.read(tx -> tx.media().find(accountSid, api.group(2), api.group(3)))
                            .map(m -> new Source(files.path(accountSid, m.messageSid(), m.sid()), m.contentType(),
                                    m.size()));
        } else {
            return Optional.empty();
        }
        return Optional.of(source.map(s -> place(s, target, url))
                .orElseGet(() -> new MediaFetcher.Result.Failed(11200, "no stored media of this account at " + url)));
    }

    private MediaFetcher.Result place(Source source, Path target, String url) {
        try {
            files.link(source.file(), target);
            return new MediaFetcher.Result.Fetched(source.contentType(), source.size());
        } catch (NoSuchFileException e) {
            return new MediaFetcher.Result.Failed(11200, "stored media at " + url + " has no file");
        } catch (IOException e) {
            return new MediaFetcher.Result.Failed(11200, "cannot take stored media at " + url + ": " + e);
        }
    }
}
