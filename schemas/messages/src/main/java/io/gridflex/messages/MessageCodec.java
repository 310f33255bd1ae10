package io.gridflex.messages;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/**
 * Turns GridFlex messages into JSON and back. Decoding checks the JSON against the message's schema first, so a
 * consumer either gets a well-formed record or an {@link InvalidMessageException} naming every problem; it never
 * gets a half-filled record. Thread-safe; one instance can serve a whole service.
 */
public final class MessageCodec {

    /**
     * Larger messages are refused before parsing. The biggest legitimate ones, a site schedule of many segments or a
     * long DR event, stay well under it, and under Kafka's default 1 MiB record limit.
     */
    public static final int MAX_MESSAGE_BYTES = 768 * 1024;

    private static final Map<Class<?>, String> SCHEMAS = Map.of(
            DrEvent.class, "dr-event.v2.schema.json",
            SiteSchedule.class, "site-schedule.v1.schema.json",
            ScheduleAck.class, "schedule-ack.v1.schema.json",
            SiteTelemetry.class, "site-telemetry.v2.schema.json",
            DispatchStatus.class, "dispatch-status.v1.schema.json");

    private final ObjectMapper mapper;
    private final Map<Class<?>, Schema> schemas;

    public MessageCodec() {
        this.mapper = newObjectMapper();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        this.schemas = SCHEMAS.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> load(registry, e.getValue())));
    }

    /** The mapper settings every GridFlex JSON producer uses: ISO-8601 UTC instants, no unknown fields, exact numbers. */
    public static ObjectMapper newObjectMapper() {
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                // Numbers stay exact from the wire to BigDecimal fields (prices), also through the JSON tree the
                // schema is checked on, and go out in plain notation.
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
                .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(32)
                .maxStringLength(64 * 1024)
                .maxNumberLength(64)
                .build());
        return mapper;
    }

    /** Every message type the codec knows, with the classpath name of its schema under {@code schemas/}. */
    public static Map<Class<?>, String> schemaResources() {
        return SCHEMAS;
    }

    public String encode(Object message) {
        requireKnown(message.getClass());
        try {
            return mapper.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + message.getClass().getSimpleName(), e);
        }
    }

    public byte[] encodeBytes(Object message) {
        return encode(message).getBytes(StandardCharsets.UTF_8);
    }

    public <T> T decode(Class<T> type, byte[] json) {
        if (json == null) {
            throw new InvalidMessageException(type.getSimpleName() + ": empty message");
        }
        if (json.length > MAX_MESSAGE_BYTES) {
            throw new InvalidMessageException(
                    type.getSimpleName() + ": message of " + json.length + " bytes exceeds " + MAX_MESSAGE_BYTES);
        }
        return decode(type, new String(json, StandardCharsets.UTF_8));
    }

    public <T> T decode(Class<T> type, String json) {
        requireKnown(type);
        if (json == null || json.isBlank()) {
            throw new InvalidMessageException(type.getSimpleName() + ": empty message");
        }
        if (json.length() > MAX_MESSAGE_BYTES) {
            throw new InvalidMessageException(
                    type.getSimpleName() + ": message exceeds " + MAX_MESSAGE_BYTES + " bytes");
        }
        if (type == SiteTelemetry.class) {
            SiteTelemetry telemetry = SiteTelemetryReader.read(mapper.getFactory(), json);
            if (telemetry != null) {
                return type.cast(telemetry);
            }
        }
        return decodeChecked(type, json);
    }

    /**
     * Checks JSON a service is about to send against its message's schema, without binding it back: how a producer
     * makes sure that what it publishes is what its consumers will take.
     *
     * @throws InvalidMessageException naming every problem
     */
    public void check(Class<?> type, String json) {
        checkedTree(type, json);
    }

    /**
     * Reads back a message this service encoded and stored itself: bound straight from the JSON, without the schema
     * check that {@link #decode} gives input from outside. Never for anything another party wrote.
     *
     * @throws IllegalStateException when it cannot be read, which means the stored copy is not what was encoded
     */
    public <T> T decodeOwn(Class<T> type, String json) {
        requireKnown(type);
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    "a stored " + type.getSimpleName() + " cannot be read back: " + e.getMessage(),
                    e);
        }
    }

    /** Through the JSON tree and the schema: the reference every faster reader must agree with. */
    <T> T decodeChecked(Class<T> type, String json) {
        JsonNode tree = checkedTree(type, json);
        try {
            return mapper.treeToValue(tree, type);
        } catch (JsonProcessingException e) {
            throw new InvalidMessageException(type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    private JsonNode checkedTree(Class<?> type, String json) {
        Schema schema = requireKnown(type);
        JsonNode tree;
        try {
            tree = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidMessageException(type.getSimpleName() + ": not JSON: " + e.getOriginalMessage(), e);
        }
        List<Error> errors = schema.validate(tree);
        if (!errors.isEmpty()) {
            throw new InvalidMessageException(type.getSimpleName() + ": "
                    + errors.stream().map(Error::toString).sorted().collect(Collectors.joining("; ")));
        }
        return tree;
    }

    private Schema requireKnown(Class<?> type) {
        Schema schema = schemas.get(type);
        if (schema == null) {
            throw new IllegalArgumentException(type.getName() + " is not a GridFlex message");
        }
        return schema;
    }

    private static Schema load(SchemaRegistry registry, String name) {
        try (InputStream in = MessageCodec.class.getResourceAsStream("/schemas/" + name)) {
            if (in == null) {
                throw new IllegalStateException("schema missing from classpath: schemas/" + name);
            }
            return registry.getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
