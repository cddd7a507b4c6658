package io.exatlas.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.exatlas.ErrorKind;
import io.exatlas.ExAtlasException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The library's private JSON handling for wire payloads. It is independent of the application's
 * {@code JsonMapper} on purpose: an application-wide naming strategy must never change what is sent to a cloud.
 * Readers are tolerant: unknown fields are ignored and missing optional fields read as {@code null}.
 */
public final class WireJson {

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.build();

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private WireJson() {
	}

	/**
	 * The shared wire mapper.
	 * @return the mapper
	 */
	public static JsonMapper mapper() {
		return MAPPER;
	}

	/**
	 * A new empty JSON object.
	 * @return the object
	 */
	public static ObjectNode object() {
		return JsonNodeFactory.instance.objectNode();
	}

	/**
	 * A JSON tree as plain Java maps and lists (for {@code raw} fields).
	 * @param node the tree
	 * @return the map (empty unless the node is an object)
	 */
	public static Map<String, Object> toMap(JsonNode node) {
		return node.isObject() ? MAPPER.convertValue(node, MAP) : Map.of();
	}

	/**
	 * A Java value as a JSON tree.
	 * @param value the value
	 * @return the tree
	 */
	public static JsonNode toTree(@Nullable Object value) {
		return MAPPER.valueToTree(value);
	}

	/**
	 * A JSON tree as a Java value (maps, lists, strings, numbers, booleans or {@code null}).
	 * @param node the tree
	 * @return the value
	 */
	public static @Nullable Object toValue(JsonNode node) {
		return (node.isMissingNode() || node.isNull()) ? null : MAPPER.convertValue(node, Object.class);
	}

	/**
	 * The string at a path.
	 * @param node where to start
	 * @param path field names
	 * @return the string, or {@code null} when absent or not a string
	 */
	public static @Nullable String text(JsonNode node, String... path) {
		JsonNode value = at(node, path);
		return (value.isString() && !value.asString().isEmpty()) ? value.asString() : null;
	}

	/**
	 * An identifier at a path that a provider sends as a string or as a JSON integer (Vast's instance and offer ids).
	 * @param node where to start
	 * @param path field names
	 * @return the identifier as text, or {@code null} when absent or neither
	 */
	public static @Nullable String identifier(JsonNode node, String... path) {
		JsonNode value = at(node, path);
		return (value.isIntegralNumber()) ? value.asString() : text(node, path);
	}

	/**
	 * The identifier of a resource in a response: the first of the fields that holds a non-blank string or an
	 * integer. A resource without one cannot be managed, so its absence is the provider's error, never a
	 * {@code NullPointerException} or a blank id downstream.
	 * @param node the resource
	 * @param provider the provider id
	 * @param what the resource and where it came from, e.g. {@code "machine in Fly's response"}
	 * @param fields the candidate fields, in order
	 * @return the identifier, stripped
	 * @throws ExAtlasException of kind {@code PROVIDER} when none holds one
	 */
	public static String requiredIdentifier(JsonNode node, String provider, String what, String... fields) {
		for (String field : fields) {
			String value = identifier(node, field);
			if (value != null && !value.isBlank()) {
				return value.strip();
			}
		}
		throw ExAtlasException.builder(ErrorKind.PROVIDER).provider(provider).message(what + " has no id").build();
	}

	/**
	 * The integer at a path (a JSON number or a numeric string).
	 * @param node where to start
	 * @param path field names
	 * @return the integer, or {@code null} when absent or not numeric
	 */
	public static @Nullable Integer integer(JsonNode node, String... path) {
		BigDecimal value = decimal(node, path);
		return (value != null) ? value.intValue() : null;
	}

	/**
	 * The decimal at a path (a JSON number or a numeric string such as RunPod's {@code "0.74"}).
	 * @param node where to start
	 * @param path field names
	 * @return the decimal, or {@code null} when absent or not numeric
	 */
	public static @Nullable BigDecimal decimal(JsonNode node, String... path) {
		JsonNode value = at(node, path);
		if (value.isNumber()) {
			return value.decimalValue();
		}
		if (value.isString()) {
			try {
				return new BigDecimal(value.asString().trim());
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}
		return null;
	}

	/**
	 * The boolean at a path.
	 * @param node where to start
	 * @param path field names
	 * @return the boolean, or {@code null} when absent or not a boolean
	 */
	public static @Nullable Boolean bool(JsonNode node, String... path) {
		JsonNode value = at(node, path);
		return value.isBoolean() ? value.asBoolean() : null;
	}

	/**
	 * The ISO-8601 instant (with offset) at a path.
	 * @param node where to start
	 * @param path field names
	 * @return the instant, or {@code null} when absent or unparseable
	 */
	public static @Nullable Instant instant(JsonNode node, String... path) {
		String value = text(node, path);
		return (value != null) ? Rfc3339.parse(value) : null;
	}

	/**
	 * The strings of an array at a path.
	 * @param node where to start
	 * @param path field names
	 * @return the strings (empty when absent); non-string elements are skipped
	 */
	public static List<String> strings(JsonNode node, String... path) {
		List<String> values = new ArrayList<>();
		for (JsonNode element : at(node, path)) {
			if (element.isString()) {
				values.add(element.asString());
			}
		}
		return values;
	}

	/**
	 * The string fields of an object at a path.
	 * @param node where to start
	 * @param path field names
	 * @return field name → string value (empty when absent)
	 */
	public static Map<String, String> stringMap(JsonNode node, String... path) {
		Map<String, String> values = new LinkedHashMap<>();
		JsonNode object = at(node, path);
		Iterator<Map.Entry<String, JsonNode>> fields = object.properties().iterator();
		while (fields.hasNext()) {
			Map.Entry<String, JsonNode> field = fields.next();
			if (field.getValue().isValueNode()) {
				values.put(field.getKey(), field.getValue().asString());
			}
		}
		return values;
	}

	/**
	 * The node at a path.
	 * @param node where to start
	 * @param path field names
	 * @return the node, or a missing node
	 */
	public static JsonNode at(JsonNode node, String... path) {
		JsonNode current = node;
		for (String field : path) {
			current = current.path(field);
		}
		return current;
	}

}
