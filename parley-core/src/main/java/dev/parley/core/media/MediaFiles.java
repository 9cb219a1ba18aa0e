package dev.parley.core.media;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The port to the bytes of stored media: one file per media, grouped by account and owner, the owner being the
 * message ({@code MM…}/{@code SM…}) for MMS media or the Conversation Service ({@code IS…}) for its media. The
 * composition root wires the folder under {@code <data-dir>/media}; parley-outbound holds the implementation.
 *
 * <p>What callers may rely on, and must do themselves:
 * <ul>
 *   <li><b>Order against the database.</b> The services write a file before the row that points at it commits,
 *       and delete it only after the row's deletion commits: a crash may leave a file without a row (disk space),
 *       never a row without its file. This port does not open transactions; it is called around them.</li>
 *   <li><b>No path escapes.</b> Every SID is checked (two capital letters, 32 lower-case hex digits) before a path
 *       is built: anything else throws {@link IllegalArgumentException}, so a caller's string never names a file
 *       outside the folder.</li>
 *   <li><b>Deletes are idempotent.</b> Deleting a file or owner that has nothing stored succeeds.</li>
 *   <li><b>Errors.</b> File-system failures of {@link #prepare}, {@link #delete} and {@link #deleteMessage} are
 *       {@link java.io.UncheckedIOException}s naming the path; {@link #create} and {@link #link} throw the checked
 *       {@link IOException} so a caller can tell a missing source ({@link NoSuchFileException}) from the rest.</li>
 * </ul>
 * The paths it hands out are read by the HTTP routes (media content) and written by the {@link MediaFetcher};
 * several nodes sharing one PostgreSQL must share the folder.
 */
public interface MediaFiles {

    /** Where the media's bytes are (or will be) kept; creates nothing. */
    Path path(String accountSid, String ownerSid, String mediaSid);

    /** Creates the owner's directory if needed and returns the path for a new media file (not yet created). */
    Path prepare(String accountSid, String ownerSid, String mediaSid);

    /**
     * Opens a path {@link #prepare} returned for writing: the file is created, or emptied if it exists. The caller
     * closes the stream before the row that points at the file commits.
     */
    OutputStream create(Path target) throws IOException;

    /**
     * Puts the bytes of {@code source} at {@code target} (a path {@link #prepare} returned) as a hard link (the same
     * bytes, no copy), or as a copy where the file system cannot link. Each name may then be deleted without the
     * other.
     *
     * @throws NoSuchFileException when {@code source} does not exist
     */
    void link(Path source, Path target) throws IOException;

    /** Deletes one media file, if it exists. */
    void delete(String accountSid, String ownerSid, String mediaSid);

    /** Deletes every media file of an owner (a message, or a Conversation Service) and its directory. */
    void deleteMessage(String accountSid, String ownerSid);
}
