package dev.parley.core.smsc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHashTest {

    @Test
    void aHashMatchesItsPasswordOnlyAndIsSaltedEachTime() {
        String first = PasswordHash.hash("s3cret1");
        String second = PasswordHash.hash("s3cret1");
        assertThat(first).startsWith("pbkdf2-sha256$20000$").doesNotContain("s3cret1").isNotEqualTo(second);
        assertThat(PasswordHash.matches("s3cret1", first)).isTrue();
        assertThat(PasswordHash.matches("s3cret1", second)).isTrue();
        assertThat(PasswordHash.matches("s3cret2", first)).isFalse();
        assertThat(PasswordHash.matches("", first)).isFalse();
        assertThat(PasswordHash.matches("s3cret1", "pbkdf2-sha256$x$y$z")).isFalse();
        assertThat(PasswordHash.matches("s3cret1", null)).isFalse();
    }
}
