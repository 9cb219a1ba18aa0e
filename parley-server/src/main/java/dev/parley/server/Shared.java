package dev.parley.server;

import dev.parley.core.billing.PriceTable;
import dev.parley.core.id.IdGenerator;
import dev.parley.core.media.MediaFiles;
import dev.parley.store.Database;
import java.time.Clock;

/**
 * What every subsystem's wiring reads: the configuration, the injected clock and id generator, the database, the
 * price table, the public URL answers are built on, and the media folder.
 */
record Shared(ParleyConfig config, Clock clock, IdGenerator ids, Database database, PriceTable prices,
        String publicUrl, MediaFiles mediaFiles) {
}
