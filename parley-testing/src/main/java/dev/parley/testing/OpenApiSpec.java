package dev.parley.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * One of Twilio's published OpenAPI descriptions, used to check that Parley's JSON matches Twilio's wire format.
 *
 * <p>The files are resources of this module under {@value #FOLDER}/: its build fetches them from the npm
 * registry (Twilio's {@code @twilio/cli-core} package, one pinned version checked against a pinned SHA-512;
 * see parley-testing's pom.xml), so a fresh clone needs nothing beside the repository. Files are parsed once
 * per JVM; instances are immutable and thread-safe.
 *
 * <p>{@link #assertConforms} checks a JSON object against a schema of {@code components.schemas}:
 * every declared property is present; {@code null} only where the schema (or the enum schema it
 * references) says {@code nullable: true}; values have the declared {@code type}; strings hold a
 * declared enum value and respect {@code pattern}, {@code minLength} and {@code maxLength}; formats
 * {@code date-time-rfc-2822} (exactly {@code EEE, dd MMM yyyy HH:mm:ss +0000}, English names, the
 * weekday matching the date), {@code date-time} (ISO 8601 with offset), {@code date} (ISO 8601),
 * {@code uri} (absolute http(s) URL or a path starting with {@code /}), {@code uri-map} (an object of
 * such URIs) and {@code http-method} are checked; arrays are checked item by item and nested objects
 * property by property where the schema describes them. Extra properties are allowed, and other
 * formats ({@code phone-number}, {@code currency}, …) are not checked.
 */
public final class OpenApiSpec {

    /** The classpath folder holding the descriptions. */
    public static final String FOLDER = "twilio-openapi";

    private static final Map<String, OpenApiSpec> LOADED = new ConcurrentHashMap<>();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String REF_PREFIX = "#/components/schemas/";
    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

    private static final Pattern RFC_2822 = Pattern.compile(
            "(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \\d{4}"
                    + " \\d{2}:\\d{2}:\\d{2} \\+0000");
    private static final DateTimeFormatter RFC_2822_FORMAT = DateTimeFormatter
            .ofPattern("EEE, dd MMM uuuu HH:mm:ss Z", Locale.US)
            .withResolverStyle(ResolverStyle.STRICT);
    private static final Set<String> HTTP_METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

    private final String fileName;
    private final JsonNode schemas;

    private OpenApiSpec(String fileName, JsonNode schemas) {
        this.fileName = fileName;
        this.schemas = schemas;
    }

    /** API 2010-04-01 (Accounts, Messages, Media, IncomingPhoneNumbers, …; api.twilio.com). */
    public static OpenApiSpec api2010() {
        return load("twilio_api_v2010.json");
    }

    /** Conversations v1 (conversations.twilio.com). */
    public static OpenApiSpec conversationsV1() {
        return load("twilio_conversations_v1.json");
    }

    /** Messaging v1 (Messaging Services; messaging.twilio.com). */
    public static OpenApiSpec messagingV1() {
        return load("twilio_messaging_v1.json");
    }

    /** Content v1 (Content templates and their WhatsApp approvals; content.twilio.com). */
    public static OpenApiSpec contentV1() {
        return load("twilio_content_v1.json");
    }

    /**
     * Any file of the {@code twilio-openapi} folder by name, e.g. {@code twilio_api_v2010.json}.
     *
     * @throws IllegalStateException if the file is not on the classpath or cannot be parsed
     */
    public static OpenApiSpec load(String fileName) {
        return LOADED.computeIfAbsent(fileName, OpenApiSpec::parse);
    }

    /** The file this spec was read from. */
    public String fileName() {
        return fileName;
    }

    /** The names of all schemas in {@code components.schemas}, in file order. */
    public Set<String> schemaNames() {
        Set<String> names = new LinkedHashSet<>();
        schemas.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /**
     * The property names an object schema declares, in file order.
     *
     * @throws IllegalArgumentException if the schema does not exist or declares no properties
     */
    public Set<String> propertyNames(String schemaName) {
        JsonNode properties = schema(schemaName).get("properties");
        if (properties == null || !properties.isObject()) {
            throw new IllegalArgumentException("Schema '" + schemaName + "' in " + fileName + " declares no properties");
        }
        Set<String> names = new LinkedHashSet<>();
        properties.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /**
     * The values of an enum schema such as {@code message_enum_status}, in file order.
     *
     * @throws IllegalArgumentException if the schema does not exist or is not an enum
     */
    public List<String> enumValues(String schemaName) {
        JsonNode values = schema(schemaName).get("enum");
        if (values == null || !values.isArray()) {
            throw new IllegalArgumentException("Schema '" + schemaName + "' in " + fileName + " is not an enum");
        }
        List<String> result = new ArrayList<>();
        values.forEach(value -> result.add(value.asText()));
        return List.copyOf(result);
    }

    /**
     * Every way {@code json} departs from the schema, one line each (empty when it conforms).
     *
     * @throws IllegalArgumentException if the schema does not exist
     */
    public List<String> mismatches(String schemaName, JsonNode json) {
        JsonNode schema = schema(schemaName);
        List<String> problems = new ArrayList<>();
        if (json == null || json.isMissingNode()) {
            problems.add("$: no JSON given");
        } else {
            checkObjectRequiringAll("$", schema, json, problems);
        }
        return List.copyOf(problems);
    }

    /**
     * Passes when {@code json} conforms to the schema; otherwise throws one {@link AssertionError}
     * listing all mismatches, each with its JSON path.
     */
    public void assertConforms(String schemaName, JsonNode json) {
        List<String> problems = mismatches(schemaName, json);
        if (!problems.isEmpty()) {
            throw new AssertionError(problems.size() + " mismatch(es) against " + schemaName + " (" + fileName
                    + "):\n  " + String.join("\n  ", problems) + "\nin: " + json);
        }
    }

    private JsonNode schema(String schemaName) {
        JsonNode schema = schemas.get(schemaName);
        if (schema == null) {
            throw new IllegalArgumentException("No schema '" + schemaName + "' in " + fileName + " ("
                    + schemas.size() + " schemas; e.g. " + schemaNames().stream().limit(5).toList() + ")");
        }
        return schema;
    }

    private void checkObjectRequiringAll(String path, JsonNode schema, JsonNode json, List<String> problems) {
        if (!json.isObject()) {
            problems.add(path + ": expected object but was " + describe(json));
            return;
        }
        JsonNode properties = schema.path("properties");
        for (Map.Entry<String, JsonNode> property : properties.properties()) {
            JsonNode value = json.get(property.getKey());
            if (value == null) {
                problems.add(path + "." + property.getKey() + ": missing");
            } else {
                checkValue(path + "." + property.getKey(), property.getValue(), value, problems);
            }
        }
    }

    private void checkValue(String path, JsonNode declared, JsonNode value, List<String> problems) {
        JsonNode schema = declared;
        boolean nullable = declared.path("nullable").asBoolean(false);
        if (declared.has("$ref")) {
            String ref = declared.get("$ref").asText();
            schema = ref.startsWith(REF_PREFIX) ? schemas.get(ref.substring(REF_PREFIX.length())) : null;
            if (schema == null) {
                problems.add(path + ": spec refers to unknown schema " + ref);
                return;
            }
            nullable = nullable || schema.path("nullable").asBoolean(false);
        }
        if (value.isNull()) {
            if (!nullable) {
                problems.add(path + ": null but the spec does not allow null");
            }
            return;
        }
        String type = schema.path("type").asText("");
        switch (type) {
            case "string" -> checkString(path, schema, value, problems);
            case "integer" -> {
                if (!value.isIntegralNumber()) {
                    problems.add(path + ": expected integer but was " + describe(value));
                }
            }
            case "number" -> {
                if (!value.isNumber()) {
                    problems.add(path + ": expected number but was " + describe(value));
                }
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    problems.add(path + ": expected boolean but was " + describe(value));
                }
            }
            case "array" -> checkArray(path, schema, value, problems);
            case "object" -> checkObject(path, schema, value, problems);
            default -> {
                // No type declared (free-form JSON such as "timers" or "bindings"): anything goes.
            }
        }
    }

    private void checkString(String path, JsonNode schema, JsonNode value, List<String> problems) {
        if (!value.isTextual()) {
            problems.add(path + ": expected string but was " + describe(value));
            return;
        }
        String text = value.asText();
        JsonNode allowed = schema.get("enum");
        if (allowed != null && allowed.isArray()) {
            List<String> values = new ArrayList<>();
            allowed.forEach(v -> values.add(v.asText()));
            if (!values.contains(text)) {
                problems.add(path + ": '" + text + "' is not one of " + values);
            }
        }
        if (schema.has("minLength") && text.length() < schema.get("minLength").asInt()) {
            problems.add(path + ": '" + text + "' is shorter than " + schema.get("minLength").asInt());
        }
        if (schema.has("maxLength") && text.length() > schema.get("maxLength").asInt()) {
            problems.add(path + ": '" + text + "' is longer than " + schema.get("maxLength").asInt());
        }
        if (schema.has("pattern") && !PATTERNS.computeIfAbsent(schema.get("pattern").asText(), Pattern::compile).matcher(text).find()) {
            problems.add(path + ": '" + text + "' does not match " + schema.get("pattern").asText());
        }
        String format = schema.path("format").asText("");
        String formatProblem = switch (format) {
            case "date-time-rfc-2822" -> rfc2822Problem(text);
            case "date-time" -> isoDateTimeProblem(text);
            case "date" -> isoDateProblem(text);
            case "uri" -> uriProblem(text);
            case "http-method" -> HTTP_METHODS.contains(text) ? null : "is not an upper-case HTTP method";
            default -> null;
        };
        if (formatProblem != null) {
            problems.add(path + ": '" + text + "' " + formatProblem + " (format " + format + ")");
        }
    }

    private void checkArray(String path, JsonNode schema, JsonNode value, List<String> problems) {
        if (!value.isArray()) {
            problems.add(path + ": expected array but was " + describe(value));
            return;
        }
        JsonNode items = schema.get("items");
        if (items == null || items.isEmpty()) {
            return;
        }
        for (int i = 0; i < value.size(); i++) {
            checkValue(path + "[" + i + "]", items, value.get(i), problems);
        }
    }

    private void checkObject(String path, JsonNode schema, JsonNode value, List<String> problems) {
        if (!value.isObject()) {
            problems.add(path + ": expected object but was " + describe(value));
            return;
        }
        if ("uri-map".equals(schema.path("format").asText())) {
            for (Map.Entry<String, JsonNode> entry : value.properties()) {
                String entryPath = path + "." + entry.getKey();
                if (!entry.getValue().isTextual()) {
                    problems.add(entryPath + ": expected a URI string but was " + describe(entry.getValue()));
                } else if (uriProblem(entry.getValue().asText()) != null) {
                    problems.add(entryPath + ": '" + entry.getValue().asText() + "' "
                            + uriProblem(entry.getValue().asText()) + " (format uri-map)");
                }
            }
        }
        // Nested objects (e.g. ice_servers items) have optional members: check only those present.
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            JsonNode member = value.get(property.getKey());
            if (member != null) {
                checkValue(path + "." + property.getKey(), property.getValue(), member, problems);
            }
        }
    }

    private static String rfc2822Problem(String text) {
        if (!RFC_2822.matcher(text).matches()) {
            return "is not exactly 'EEE, dd MMM yyyy HH:mm:ss +0000'";
        }
        try {
            ZonedDateTime.parse(text, RFC_2822_FORMAT);
            return null;
        } catch (DateTimeParseException e) {
            return "is not a real date or its weekday is wrong";
        }
    }

    private static String isoDateTimeProblem(String text) {
        try {
            OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            return null;
        } catch (DateTimeParseException e) {
            return "is not an ISO 8601 date-time with offset";
        }
    }

    private static String isoDateProblem(String text) {
        try {
            LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
            return null;
        } catch (DateTimeParseException e) {
            return "is not an ISO 8601 date";
        }
    }

    private static String uriProblem(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            return "is not a valid URI";
        }
        if (uri.isAbsolute()) {
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    ? null : "is not an http(s) URL with a host";
        }
        return text.startsWith("/") && !text.startsWith("//") ? null : "is neither absolute nor a path starting with /";
    }

    private static String describe(JsonNode value) {
        String kind = value.getNodeType().name().toLowerCase(Locale.ROOT);
        String text = value.toString();
        return kind + " " + (text.length() > 60 ? text.substring(0, 57) + "..." : text);
    }

    private static OpenApiSpec parse(String fileName) {
        String resource = FOLDER + "/" + fileName;
        try (InputStream in = OpenApiSpec.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Twilio OpenAPI description " + resource + " is not on the classpath."
                        + " parley-testing's build fetches it from the npm registry (@twilio/cli-core) into"
                        + " target/twilio-openapi: build that module (bin/test, or ./mvnw -pl parley-testing"
                        + " process-resources); the first build needs npm and the npm registry.");
            }
            JsonNode schemas = MAPPER.readTree(in).path("components").path("schemas");
            if (!schemas.isObject()) {
                throw new IllegalStateException(resource + " has no components.schemas");
            }
            return new OpenApiSpec(fileName, schemas);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read Twilio OpenAPI description " + resource, e);
        }
    }
}
