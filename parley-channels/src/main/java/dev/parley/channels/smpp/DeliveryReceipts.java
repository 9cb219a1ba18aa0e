package dev.parley.channels.smpp;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsmpp.bean.OptionalParameter;

/**
 * Reads delivery receipts: the de-facto text of SMPP 3.4's Appendix B
 * ({@code id:… sub:… dlvrd:… submit date:… done date:… stat:… err:… text:…}) and the {@code receipted_message_id},
 * {@code message_state} and {@code network_error_code} TLVs. Tolerant as SMSCs require: keys in any case, in any
 * order, with any spaces around the colon, {@code submit_date} for {@code submit date}, fields missing; everything
 * after {@code text:} is the text. Pure and thread-safe.
 */
public final class DeliveryReceipts {

    private static final short TAG_RECEIPTED_MESSAGE_ID = 0x001E;
    private static final short TAG_MESSAGE_STATE = 0x0427;
    private static final short TAG_NETWORK_ERROR_CODE = 0x0423;

    private static final Pattern KEY = Pattern.compile(
            "(?i)(?<![\\p{Alnum}_])(id|sub|dlvrd|submit[ _]*date|done[ _]*date|stat|err|text)\\s*:\\s*");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern NUMBER = Pattern.compile("\\d{1,9}");
    private static final Pattern DATE = Pattern.compile("\\d{10}|\\d{12}");
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyMMddHHmm");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyMMddHHmmss");

    private DeliveryReceipts() {
    }

    /**
     * The receipt in a {@code deliver_sm}: its TLVs and its {@code short_message} (or {@code message_payload}) text.
     * The {@code receipted_message_id} and {@code message_state} TLVs win over the text where both are present.
     *
     * @return empty when neither gives a message id
     */
    public static Optional<SmscReceipt> read(byte[] shortMessage, OptionalParameter[] tlvs) {
        OptionalParameter[] params = tlvs == null ? new OptionalParameter[0] : tlvs;
        OptionalParameter payload = SmppCodec.find(params, SmppCodec.TAG_MESSAGE_PAYLOAD);
        byte[] bytes = payload != null ? SmppCodec.value(payload) : shortMessage == null ? new byte[0] : shortMessage;
        Map<String, String> fields = fields(new String(bytes, StandardCharsets.ISO_8859_1));

        String id = cString(SmppCodec.find(params, TAG_RECEIPTED_MESSAGE_ID));
        if (id == null || id.isEmpty()) {
            id = fields.get("id");
        }
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        String stat = fields.get("stat") == null ? null : fields.get("stat").toUpperCase(Locale.ROOT);
        OptionalParameter messageState = SmppCodec.find(params, TAG_MESSAGE_STATE);
        SmscReceipt.State state = messageState != null && SmppCodec.value(messageState).length == 1
                ? SmscReceipt.State.ofCode(SmppCodec.value(messageState)[0] & 0xFF) : null;
        if (state == null && stat != null) {
            state = state(stat);
        }
        String error = fields.get("err");
        if (error == null) {
            error = networkError(SmppCodec.find(params, TAG_NETWORK_ERROR_CODE));
        }
        return Optional.of(new SmscReceipt(id, state, stat, error, number(fields.get("sub")),
                number(fields.get("dlvrd")), date(fields.get("submitdate")), date(fields.get("donedate")),
                fields.get("text")));
    }

    /** The receipt in a receipt's text alone; empty when it has no {@code id:}. */
    public static Optional<SmscReceipt> parse(String text) {
        return read(text.getBytes(StandardCharsets.ISO_8859_1), null);
    }

    /**
     * The state a {@code stat:} value names: SMPP's seven-letter abbreviations ({@code DELIVRD}, {@code UNDELIV},
     * {@code REJECTD}…), the full words some SMSCs write, and {@code FAILED} as undeliverable; UNKNOWN otherwise.
     */
    public static SmscReceipt.State state(String stat) {
        String s = stat.toUpperCase(Locale.ROOT);
        if (s.startsWith("DELIV")) {
            return SmscReceipt.State.DELIVERED;
        } else if (s.startsWith("UNDEL") || s.startsWith("FAIL")) {
            return SmscReceipt.State.UNDELIVERABLE;
        } else if (s.startsWith("EXPIR")) {
            return SmscReceipt.State.EXPIRED;
        } else if (s.startsWith("DELET")) {
            return SmscReceipt.State.DELETED;
        } else if (s.startsWith("ACCEP")) {
            return SmscReceipt.State.ACCEPTED;
        } else if (s.startsWith("REJEC")) {
            return SmscReceipt.State.REJECTED;
        } else if (s.startsWith("ENROUT")) {
            return SmscReceipt.State.ENROUTE;
        } else if (s.startsWith("SKIP")) {
            return SmscReceipt.State.SKIPPED;
        } else if (s.startsWith("SCHED")) {
            return SmscReceipt.State.SCHEDULED;
        }
        return SmscReceipt.State.UNKNOWN;
    }

    /** Each key (lower case, spaces and underscores removed) to its value: the first word, or the rest for text. */
    private static Map<String, String> fields(String text) {
        Map<String, String> fields = new HashMap<>();
        Matcher m = KEY.matcher(text);
        int valueStart = -1;
        String key = null;
        while (key == null || !key.equals("text")) {
            boolean found = m.find();
            if (key != null) {
                String value = text.substring(valueStart, found ? m.start() : text.length()).trim();
                String[] words = SPACES.split(value, 2);
                if (!words[0].isEmpty()) {
                    fields.putIfAbsent(key, words[0]);
                }
                // What follows the last field without a "text:" key is the text (jSMPP's own examples do this).
                if (!found && words.length > 1) {
                    fields.putIfAbsent("text", words[1]);
                }
            }
            if (!found) {
                return fields;
            }
            key = key(m.group(1));
            valueStart = m.end();
        }
        fields.putIfAbsent("text", text.substring(valueStart));
        return fields;
    }

    /** A key as {@link #fields} keeps it: lower case, without spaces and underscores ({@code submitdate}). */
    private static String key(String written) {
        StringBuilder key = new StringBuilder(written.length());
        for (int i = 0; i < written.length(); i++) {
            char c = written.charAt(i);
            if (c != ' ' && c != '_') {
                key.append(Character.toLowerCase(c));
            }
        }
        return key.toString();
    }

    private static Integer number(String value) {
        if (value == null || !NUMBER.matcher(value).matches()) {
            return null;
        }
        return Integer.parseInt(value);
    }

    private static LocalDateTime date(String value) {
        if (value == null || !DATE.matcher(value).matches()) {
            return null;
        }
        try {
            return LocalDateTime.parse(value, value.length() == 10 ? MINUTES : SECONDS);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String cString(OptionalParameter p) {
        if (p == null) {
            return null;
        }
        String s = new String(SmppCodec.value(p), StandardCharsets.ISO_8859_1);
        int nul = s.indexOf('\0');
        return (nul >= 0 ? s.substring(0, nul) : s).trim();
    }

    /** network_error_code: a network type octet, then the error as two octets. */
    private static String networkError(OptionalParameter p) {
        if (p == null || SmppCodec.value(p).length != 3) {
            return null;
        }
        byte[] v = SmppCodec.value(p);
        return String.valueOf((v[1] & 0xFF) << 8 | v[2] & 0xFF);
    }
}
