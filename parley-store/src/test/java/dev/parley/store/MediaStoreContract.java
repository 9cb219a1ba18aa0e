package dev.parley.store;

import static dev.parley.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.media.Media;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

interface MediaStoreContract extends UsesDatabase {

    private static Media media(String account, String message, int position, String type) {
        return new Media(Fixtures.sid("ME"), account, message, position, type, 1000L + position,
                T0.plusSeconds(position));
    }

    private java.util.Optional<Media> find(String account, String message, String sid) {
        return storage().read(tx -> tx.media().find(account, message, sid));
    }

    private List<Media> all(String account, String message) {
        return storage().read(tx -> tx.media().all(account, message));
    }

    private Page<Media> list(String account, String message, PageRequest page) {
        return storage().read(tx -> tx.media().list(account, message, page));
    }

    private boolean delete(String account, String message, String sid) {
        return storage().write(tx -> tx.media().delete(account, message, sid));
    }

    private int deleteAll(String account, String message) {
        return storage().write(tx -> tx.media().deleteByMessage(account, message));
    }

    @Test
    default void mediaAreFoundOnlyThroughTheirAccountAndMessage() {
        String account = Fixtures.sid("AC");
        String message = Fixtures.sid("MM");
        Media png = media(account, message, 0, "image/png");
        storage().writeVoid(tx -> tx.media().insert(png));

        assertThat(find(account, message, png.sid())).contains(png);
        assertThat(find(Fixtures.sid("AC"), message, png.sid())).isEmpty();
        assertThat(find(account, Fixtures.sid("MM"), png.sid())).isEmpty();
        assertThat(all(Fixtures.sid("AC"), message)).isEmpty();
    }

    @Test
    default void allKeepsMediaUrlOrderAndListPagesNewestFirst() {
        String account = Fixtures.sid("AC");
        String message = Fixtures.sid("MM");
        List<Media> media = List.of(media(account, message, 0, "image/png"), media(account, message, 1, "image/gif"),
                media(account, message, 2, "application/pdf"));
        storage().writeVoid(tx -> media.reversed().forEach(tx.media()::insert));
        storage().writeVoid(tx -> tx.media().insert(media(account, Fixtures.sid("MM"), 0, "image/jpeg")));

        assertThat(all(account, message)).containsExactlyElementsOf(media);
        Page<Media> first = list(account, message, PageRequest.first(2));
        assertThat(first.items()).containsExactly(media.get(2), media.get(1));
        assertThat(first.next()).isNotNull();
        Page<Media> second = list(account, message, new PageRequest(2, 1, first.next()));
        assertThat(second.items()).containsExactly(media.get(0));
        assertThat(second.next()).isNull();
    }

    @Test
    default void listKeepsTheMediaCreatedInAHalfOpenRange() {
        String account = Fixtures.sid("AC");
        String message = Fixtures.sid("MM");
        List<Media> media = List.of(media(account, message, 0, "image/png"), media(account, message, 1, "image/gif"),
                media(account, message, 2, "application/pdf"));
        storage().writeVoid(tx -> media.forEach(tx.media()::insert));

        assertThat(storage().read(tx -> tx.media().list(account, message, T0.plusSeconds(1), T0.plusSeconds(2),
                PageRequest.first(50))).items()).containsExactly(media.get(1));
        assertThat(storage().read(tx -> tx.media().list(account, message, T0.plusSeconds(1), null,
                PageRequest.first(50))).items()).containsExactly(media.get(2), media.get(1));
        assertThat(storage().read(tx -> tx.media().list(account, message, null, T0.plusSeconds(1),
                PageRequest.first(50))).items()).containsExactly(media.get(0));
        assertThat(storage().read(tx -> tx.media().list(account, message, T0.plusSeconds(3), null,
                PageRequest.first(50))).items()).isEmpty();
    }

    @Test
    default void deleteRemovesOneMediaAndDeleteByMessageAllOfThem() {
        String account = Fixtures.sid("AC");
        String message = Fixtures.sid("MM");
        String other = Fixtures.sid("MM");
        Media a = media(account, message, 0, "image/png");
        Media b = media(account, message, 1, "image/png");
        Media c = media(account, other, 0, "image/png");
        storage().writeVoid(tx -> List.of(a, b, c).forEach(tx.media()::insert));

        assertThat(delete(Fixtures.sid("AC"), message, a.sid())).isFalse();
        assertThat(delete(account, message, a.sid())).isTrue();
        assertThat(all(account, message)).containsExactly(b);
        assertThat(deleteAll(account, message)).isEqualTo(1);
        assertThat(all(account, message)).isEmpty();
        assertThat(all(account, other)).containsExactly(c);
    }
}
