package dev.parley.channels.smpp;

import dev.parley.core.connection.SmppSettings;
import java.time.Duration;

/** Connection settings that differ only in what the codec reads. */
final class CodecSettings {

    private CodecSettings() {
    }

    static SmppSettings of(SmppSettings.DataCoding coding, boolean packed, SmppSettings.Split split) {
        return new SmppSettings("127.0.0.1", 2775, false, "parley", "secret", "", SmppSettings.BindType.TRANSCEIVER,
                1, 10, 0, Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(10),
                1, 1, 1, 1, coding, packed, split, SmppSettings.IdFormat.STRING, SmppSettings.IdFormat.STRING, null);
    }

    static SmppSettings gsm(SmppSettings.Split split) {
        return of(SmppSettings.DataCoding.SMSC_DEFAULT, false, split);
    }
}
