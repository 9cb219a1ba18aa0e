package dev.parley.outbound;

import dev.parley.core.media.MediaFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@link MediaFiles} in a folder of the local file system: one file per media at
 * {@code <root>/<AccountSid>/<OwnerSid>/<MediaSid>}, so that a message's (or a Conversation Service's) media go with
 * one directory, and stored media are relayed by hard links rather than copies.
 *
 * <p>It lives in parley-outbound because that module holds Parley's adapters to what lies outside the process: the
 * HTTP client on one side, the media folder on the other (the media fetcher there already writes into the paths this
 * class hands out). A module of its own for one class would add wiring and no separation.
 */
public final class FileSystemMediaFiles implements MediaFiles {
    private static final Pattern SID = Pattern.compile("[A-Z]{2}[0-9a-f]{32}");
    private final Path root;

    public FileSystemMediaFiles(Path root) {
        this.root = root;
    }

    @Override
    public Path path(String accountSid, String ownerSid, String mediaSid) {
        return directory(accountSid, ownerSid).resolve(checked(mediaSid));
    }

    @Override
    public Path prepare(String accountSid, String ownerSid, String mediaSid) {
        Path dir = directory(accountSid, ownerSid);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create media directory " + dir, e);
        }
        return dir.resolve(checked(mediaSid));
    }

    @Override
    public OutputStream create(Path target) throws IOException {
        return Files.newOutputStream(target);
    }

    @Override
    public void link(Path source, Path target) throws IOException {
        try {
            Files.createLink(target, source);
        } catch (NoSuchFileException e) {
            throw e;
        } catch (UnsupportedOperationException | IOException e) {
            Files.copy(source, target);
        }
    }

    @Override
    public void delete(String accountSid, String ownerSid, String mediaSid) {
        try {
            Files.deleteIfExists(path(accountSid, ownerSid, mediaSid));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void deleteMessage(String accountSid, String ownerSid) {
        Path dir = directory(accountSid, ownerSid);
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (NoSuchFileException e) {
            // nothing was stored for this owner
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete media of " + ownerSid + " in " + dir, e);
        }
    }

    private Path directory(String accountSid, String ownerSid) {
        return root.resolve(checked(accountSid)).resolve(checked(ownerSid));
    }

    private static String checked(String sid) {
        if (sid == null || !SID.matcher(sid).matches()) {
            throw new IllegalArgumentException("not a SID: " + sid);
        }
        return sid;
    }
}
