package dev.parley.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.core.message.Direction;
import dev.parley.core.message.Message;
import dev.parley.core.message.MessageStatus;
import dev.parley.core.paging.Cursor;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class JsonBodyTest {

    /** The bytes the API sent before: databind's String, in UTF-8. */
    private static void assertSameBytesAsDatabind(Object value) throws Exception {
        byte[] expected = Wire.JSON.writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
        assertThat(new String(JsonBody.bytes(value), StandardCharsets.UTF_8)).isEqualTo(new String(expected,
                StandardCharsets.UTF_8));
        assertThat(JsonBody.bytes(value)).isEqualTo(expected);
    }

    private record Sample(String name, int count, BigDecimal price, List<String> tags) {
    }

    private enum Colour { RED }

    @Test
    void scalarsAreWrittenAsDatabindWroteThem() throws Exception {
        for (Object value : Arrays.asList(null, "", "plain", 0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 0L,
                Long.MAX_VALUE, Long.MIN_VALUE, 1.0, 0.1, -2.5e-7, 1e20, 1.0e300, Double.MIN_VALUE, Double.NaN,
                Double.POSITIVE_INFINITY, -0.0, true, false, new BigDecimal("-0.00790"), new BigDecimal("0"),
                new BigDecimal("1E+3"), new BigDecimal("0.0000001"), new BigDecimal("123456789012345678901234.5"),
                BigDecimal.valueOf(7, -2), 1.5f, (short) 7, (byte) 3, new BigInteger("123456789012345678901234"))) {
            assertSameBytesAsDatabind(value);
        }
    }

    @Test
    void textWithEscapesNonAsciiAndEmojiIsTheSame() throws Exception {
        StringBuilder control = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            control.append(c);
        }
        for (String s : List.of(control.toString(), "\u007f\u0080\u00a0\u2028\u2029\ufeff\uffff",
                "quote \" backslash \\ slash / <script>&'", "é日本語 עברית", "emoji 😀👍🏽 and 𝄞 and 🇫🇷",
                "😀", "a\uD83D\uDE00", "lone \uD800 and \uDC00 surrogates \uD83D")) {
            assertSameBytesAsDatabind(s);
            assertSameBytesAsDatabind(Map.of(s, s));
        }
    }

    @Test
    void mapsAndCollectionsOfEveryShapeAreTheSame() throws Exception {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("null", null);
        nested.put("empty_map", Map.of());
        nested.put("empty_list", List.of());
        nested.put("list", Arrays.asList("a", null, 1, 2L, 3.5, true, new BigDecimal("-0.0075"), List.of(List.of()),
                Map.of("k", "v")));
        nested.put("set", new LinkedHashSet<>(List.of("x", "y")));
        nested.put("immutable", Map.of("media", "/m.json", "feedback", "/f.json", "other", 3));
        nested.put("hash", new HashMap<>(Map.of("b", 1, "a", 2, "c", List.of())));
        nested.put("sorted", new TreeMap<>(Map.of("b", 1, "a", 2)));
        nested.put("integer_keys", Map.of(1, "one"));
        nested.put("mixed_keys", new LinkedHashMap<>(Map.of("a", 1)));
        nested.put("deep", Map.of("a", Map.of("b", Map.of("c", List.of(Map.of("d", "e"))))));
        ((Map<Object, Object>) nested.get("mixed_keys")).put(2, "two");
        assertSameBytesAsDatabind(nested);
        assertSameBytesAsDatabind(List.of(nested, nested));
        assertSameBytesAsDatabind(new ArrayList<>(List.of(1, 2, 3)));
    }

    @Test
    void otherTypesAreLeftToDatabind() throws Exception {
        Map<String, Object> other = new LinkedHashMap<>();
        other.put("record", new Sample("s", 2, new BigDecimal("1.50"), List.of("t")));
        other.put("enum", Colour.RED);
        other.put("array", new String[] {"a", "b"});
        other.put("ints", new int[] {1, 2});
        other.put("node", Wire.JSON.readTree("{\"a\":[1,\"é\",null,{\"b\":true}]}"));
        assertSameBytesAsDatabind(other);
        assertSameBytesAsDatabind(Wire.JSON.readValue("{\"x\":1}", JsonNode.class));
    }

    @Test
    void aMessageAndAPageOfMessagesAreTheSame() throws Exception {
        Instant t = Instant.parse("2026-11-27T10:15:30Z");
        Message queued = new Message("SM0123456789abcdef0123456789abcdef", "AC0123456789abcdef0123456789abcdef", null,
                "+15551230001", "+15551230002", "héllo 😀\n\"quoted\"", List.of(), 1, Direction.OUTBOUND_API,
                MessageStatus.QUEUED, null, null, null, "USD", "sms", null, null, t, t, null);
        Message failed = new Message("SM1123456789abcdef0123456789abcdef", "AC0123456789abcdef0123456789abcdef",
                "MG0123456789abcdef0123456789abcdef", "+15551230001", "+15551230002", "", List.of("https://x/y.png"),
                2, Direction.OUTBOUND_API, MessageStatus.FAILED, 30008, "Unknown error", new BigDecimal("-0.00790"),
                "USD", "sms", "p1", new Message.StatusCallback("https://cb", "POST"), t, t, t);
        assertSameBytesAsDatabind(MessagesRoutes.json(queued));
        assertSameBytesAsDatabind(MessagesRoutes.json(failed));

        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("To", "+15551230002");
        filters.put("From", null);
        PageRequest request = new PageRequest(2, 1, new Cursor(1_700_000_000_000_000L, queued.sid()));
        Page<Message> page = new Page<>(List.of(queued, failed), new Cursor(1_700_000_000_000_001L, failed.sid()),
                Cursor.before(1_700_000_000_000_000L, queued.sid()));
        assertSameBytesAsDatabind(Paging.page2010("messages", "/2010-04-01/Accounts/AC1/Messages.json", filters,
                request, page, page.items().stream().map(MessagesRoutes::json).toList()));
        assertSameBytesAsDatabind(Paging.pageV1("conversations", "http://localhost:1", "/v1/Conversations", filters,
                request, page, List.of()));
    }
}
