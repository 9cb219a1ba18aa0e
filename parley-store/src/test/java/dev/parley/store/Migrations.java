package dev.parley.store;

import java.util.Arrays;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;

/** For tests of a migration: the database as it was before that migration ran. */
final class Migrations {
    private Migrations() {
    }

    /** Migrates the database at {@code url} as {@link Database} does, stopping before {@code version}. */
    static void migrateBefore(String url, String version) {
        var config = Database.flyway(url, Database.product(url));
        MigrationVersion target = MigrationVersion.fromVersion(version);
        MigrationVersion before = Arrays.stream(config.load().info().all()).map(MigrationInfo::getVersion)
                .filter(v -> v.compareTo(target) < 0).max(MigrationVersion::compareTo).orElseThrow();
        config.target(before).load().migrate();
    }
}
