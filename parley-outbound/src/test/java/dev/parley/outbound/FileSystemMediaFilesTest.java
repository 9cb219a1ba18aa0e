package dev.parley.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The media folder's layout, its SID check, links and deletes, on a real temporary folder. */
class FileSystemMediaFilesTest {
    private static final String ACCOUNT = "AC" + "0".repeat(31) + "1";
    private static final String MESSAGE = "MM" + "0".repeat(31) + "2";
    private static final String SERVICE = "IS" + "0".repeat(31) + "3";
    private static final String MEDIA = "ME" + "0".repeat(31) + "4";
    private static final String OTHER_MEDIA = "ME" + "0".repeat(31) + "5";

    @TempDir
    Path root;

    private FileSystemMediaFiles files() {
        return new FileSystemMediaFiles(root);
    }

    @Test
    void prepareShouldCreateTheOwnersDirectoryAndNameTheFileAccountOwnerMedia() throws IOException {
        Path target = files().prepare(ACCOUNT, MESSAGE, MEDIA);

        assertThat(target).isEqualTo(root.resolve(ACCOUNT).resolve(MESSAGE).resolve(MEDIA));
        assertThat(target.getParent()).isDirectory();
        assertThat(target).doesNotExist();
        assertThat(files().path(ACCOUNT, MESSAGE, MEDIA)).isEqualTo(target);
    }

    @Test
    void createShouldWriteTheBytesAndReplaceAnEarlierFile() throws IOException {
        FileSystemMediaFiles files = files();
        Path target = files.prepare(ACCOUNT, MESSAGE, MEDIA);
        write(files, target, "first, longer content");
        write(files, target, "second");

        assertThat(Files.readString(target)).isEqualTo("second");
    }

    @Test
    void everySidShouldBeCheckedSoNoPathEscapesTheFolder() {
        FileSystemMediaFiles files = files();

        assertThatThrownBy(() -> files.path(ACCOUNT, MESSAGE, "../../etc"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("not a SID: ../../etc");
        assertThatThrownBy(() -> files.prepare("..", MESSAGE, MEDIA)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> files.delete(ACCOUNT, "/tmp", MEDIA)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> files.deleteMessage(ACCOUNT, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> files.path(ACCOUNT, MESSAGE, "ME" + "A".repeat(32)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(root).isEmptyDirectory();
    }

    @Test
    void linkShouldGiveTheSameBytesUnderANameThatIsDeletedWithoutTheOther() throws IOException {
        FileSystemMediaFiles files = files();
        Path source = files.prepare(ACCOUNT, MESSAGE, MEDIA);
        write(files, source, "picture bytes");
        Path target = files.prepare(ACCOUNT, SERVICE, OTHER_MEDIA);

        files.link(source, target);
        files.delete(ACCOUNT, MESSAGE, MEDIA);

        assertThat(source).doesNotExist();
        assertThat(Files.readString(target)).isEqualTo("picture bytes");
    }

    @Test
    void linkShouldThrowNoSuchFileWhenTheSourceIsMissing() throws IOException {
        FileSystemMediaFiles files = files();
        Path target = files.prepare(ACCOUNT, SERVICE, OTHER_MEDIA);

        assertThatThrownBy(() -> files.link(files.path(ACCOUNT, MESSAGE, MEDIA), target))
                .isInstanceOf(NoSuchFileException.class);
        assertThat(target).doesNotExist();
    }

    @Test
    void deleteShouldRemoveOneFileAndSucceedWhenNothingIsThere() throws IOException {
        FileSystemMediaFiles files = files();
        Path kept = files.prepare(ACCOUNT, MESSAGE, OTHER_MEDIA);
        write(files, kept, "kept");
        write(files, files.prepare(ACCOUNT, MESSAGE, MEDIA), "gone");

        files.delete(ACCOUNT, MESSAGE, MEDIA);
        files.delete(ACCOUNT, MESSAGE, MEDIA);

        assertThat(files.path(ACCOUNT, MESSAGE, MEDIA)).doesNotExist();
        assertThat(Files.readString(kept)).isEqualTo("kept");
    }

    @Test
    void deleteMessageShouldRemoveTheOwnersDirectoryOnlyAndSucceedWhenNothingWasStored() throws IOException {
        FileSystemMediaFiles files = files();
        write(files, files.prepare(ACCOUNT, MESSAGE, MEDIA), "one");
        write(files, files.prepare(ACCOUNT, MESSAGE, OTHER_MEDIA), "two");
        Path other = files.prepare(ACCOUNT, SERVICE, MEDIA);
        write(files, other, "another owner's");

        files.deleteMessage(ACCOUNT, MESSAGE);
        files.deleteMessage(ACCOUNT, MESSAGE);

        assertThat(root.resolve(ACCOUNT).resolve(MESSAGE)).doesNotExist();
        assertThat(Files.readString(other)).isEqualTo("another owner's");
    }

    private static void write(FileSystemMediaFiles files, Path target, String content) throws IOException {
        try (OutputStream out = files.create(target)) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
    }
}
