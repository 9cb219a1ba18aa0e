package dev.parley.store;

import java.util.Arrays;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;

/** For tests of a migration: the database as it was before that migration ran. */
final class Migrations {
    private Migrations() {
    }

    /** Migrates the database at {@code url} as {@link Database} does, stopping before {@code version}. */
    static void migrateBefore(String url, String version) {
        String[] locations = url.startsWith("jdbc:postgresql") ? new String[] {"classpath:db/migration/common",
            "classpath:db/migration/postgresql"} : new String[] {"classpath:db/migration/common"};
        var config = Flyway.configure().dataSource(url, null, null).locations(locations);
        MigrationVersion target = MigrationVersion.fromVersion(version);
        MigrationVersion before = Arrays.stream(config.load().info().all()).map(MigrationInfo::getVersion)
                .filter(v -> v.compareTo(target) < 0).max(MigrationVersion::compareTo).orElseThrow();
        config.target(before).load().migrate();
    }
}
