package dev.parley.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;

/**
 * A response body as UTF-8 JSON bytes, written by walking the value the routes build (maps with string keys,
 * collections, strings, numbers, booleans, nulls) straight onto Jackson's streaming generator; any other type
 * goes to {@link Wire#JSON}. The bytes are those of {@code Wire.JSON.writeValueAsString(value)} in UTF-8,
 * without the per-value serializer lookups of databind's map serializer.
 *
 * <p>The generator writes characters, as databind's did, and the text is then encoded at once: Jackson's UTF-8
 * byte generator measured about twice as slow for these small, mostly ASCII bodies as characters plus the JDK's
 * vectorised {@code String.getBytes}, and it escapes a surrogate pair (an emoji) unless told otherwise.
 */
final class JsonBody {
    /**
     * {@link Wire#JSON}'s factory, its buffers recycled through a shared pool: the default thread-local one never
     * reuses a buffer on virtual threads, where every request runs on a new thread.
     */
    private static final JsonFactory FACTORY = Wire.JSON.getFactory().rebuild()
            .recyclerPool(JsonRecyclerPools.newConcurrentDequePool())
            .build();

    private JsonBody() {
    }

    static byte[] bytes(Object value) {
        StringWriter out = new StringWriter(1024);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
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
