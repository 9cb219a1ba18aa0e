package dev.parley.core.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The bytes of stored media: one file per media at {@code <root>/<AccountSid>/<MessageSid>/<MediaSid>}, so that a
 * message's media go with one directory. A file is written before the row that points at it commits, and deleted
 * after the row's deletion commits: a crash may leave a file without a row, never a row without its file.
 */
public final class MediaFiles {
    private static final Pattern SID = Pattern.compile("[A-Z]{2}[0-9a-f]{32}");
    private final Path root;

    public MediaFiles(Path root) {
        this.root = root;
    }

    /** Where the media's bytes are (or will be) kept. Refuses anything that is not a SID, so no path escapes. */
    public Path path(String accountSid, String messageSid, String mediaSid) {
        return directory(accountSid, messageSid).resolve(checked(mediaSid));
    }

    /** Creates the message's directory and returns the path for a new media file. */
    public Path prepare(String accountSid, String messageSid, String mediaSid) {
        Path dir = directory(accountSid, messageSid);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create media directory " + dir, e);
        }
        return dir.resolve(checked(mediaSid));
    }

    public void delete(String accountSid, String messageSid, String mediaSid) {
        try {
            Files.deleteIfExists(path(accountSid, messageSid, mediaSid));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes every media file of a message (and its directory). */
    public void deleteMessage(String accountSid, String messageSid) {
        Path dir = directory(accountSid, messageSid);
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (NoSuchFileException e) {
            // nothing was stored for this message
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete media of " + messageSid + " in " + dir, e);
        }
    }

    /**
     * Puts the bytes of {@code source} at {@code target} as a hard link (the same bytes, no copy), or as a copy where
     * the file system cannot link. Each name may then be deleted without the other.
     */
    public static void link(Path source, Path target) throws IOException {
        try {
            Files.createLink(target, source);
        } catch (NoSuchFileException e) {
            throw e;
        } catch (UnsupportedOperationException | IOException e) {
            Files.copy(source, target);
        }
    }

    private Path directory(String accountSid, String messageSid) {
        return root.resolve(checked(accountSid)).resolve(checked(messageSid));
    }

    private static String checked(String sid) {
        if (sid == null || !SID.matcher(sid).matches()) {
            throw new IllegalArgumentException("not a SID: " + sid);
        }
        return sid;
    }
}
