package dev.parley.http;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;

/**
 * A response body as UTF-8 JSON bytes, written by walking the value the routes build (maps with string keys,
 * collections, strings, numbers, booleans, nulls) straight onto Jackson's streaming generator; any other type
 * goes to {@link Wire#JSON}. The bytes are those of {@code Wire.JSON.writeValueAsString(value)} in UTF-8,
 * without the per-value serializer lookups of databind's map serializer and without the String in between.
 */
final class JsonBody {
    /**
     * {@link Wire#JSON}'s factory, with two changes that leave the output as databind's String gave it: a
     * surrogate pair (an emoji) becomes one 4-byte UTF-8 sequence instead of two {@code \\u} escapes, and buffers
     * are recycled through a shared pool, since a thread-local one never reuses anything on virtual threads.
     */
    private static final JsonFactory FACTORY = Wire.JSON.getFactory().rebuild()
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .recyclerPool(JsonRecyclerPools.newConcurrentDequePool())
            .build();

    private JsonBody() {
    }

    static byte[] bytes(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            write(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void write(JsonGenerator g, Object value) throws IOException {
        switch (value) {
            case null -> g.writeNull();
            case String s -> g.writeString(s);
            case Map<?, ?> map when stringKeys(map) -> {
                g.writeStartObject();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    g.writeFieldName((String) e.getKey());
                    write(g, e.getValue());
                }
                g.writeEndObject();
            }
            case Collection<?> items -> {
                g.writeStartArray();
                for (Object item : items) {
                    write(g, item);
                }
                g.writeEndArray();
            }
            case Integer i -> g.writeNumber(i);
            case Long l -> g.writeNumber(l);
            case BigDecimal d -> g.writeNumber(d);
            case Double d -> g.writeNumber(d);
            case Boolean b -> g.writeBoolean(b);
            // Records, enums, dates, JsonNode, a map with other keys: exactly as databind writes them.
            default -> Wire.JSON.writeValue(g, value);
        }
    }

    private static boolean stringKeys(Map<?, ?> map) {
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                return false;
            }
        }
        return true;
    }
}
