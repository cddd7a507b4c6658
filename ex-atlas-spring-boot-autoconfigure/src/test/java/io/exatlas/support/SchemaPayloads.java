package io.exatlas.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.exatlas.internal.WireJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Generates payloads from a schema of a cloud's official OpenAPI document (the copies in
 * {@code src/test/resources/provider-specs}), for property-based tests of the response translators. Payloads are
 * what the spec allows, biased to the unusual: optional fields missing or {@code null}, nullable fields
 * {@code null}, empty and odd strings, extreme numbers, unknown enum values, empty arrays and extra fields the spec
 * does not name. Deterministic for a seed, so a failure names the seed that reproduces it.
 */
public final class SchemaPayloads {

	private static final Map<String, JsonNode> DOCUMENTS = new ConcurrentHashMap<>();

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final int MAX_DEPTH = 7;

	private static final String[] ODD_STRINGS = { "", " ", "0", "-1", "null", "NaN", "ünïcödé ✓", "a\nb",
			"2026-13-45T99:99:99Z", "9".repeat(40), "x".repeat(2000) };

	private final JsonNode document;

	private final Random random;

	/**
	 * Payloads from one document.
	 * @param document the spec file name in {@code provider-specs}, JSON or YAML
	 * @param seed the seed
	 */
	public SchemaPayloads(String document, long seed) {
		this.document = DOCUMENTS.computeIfAbsent(document, SchemaPayloads::load);
		this.random = new Random(seed);
	}

	/**
	 * A payload for a component schema.
	 * @param schemaName e.g. {@code Pod}
	 * @return the payload
	 */
	public JsonNode component(String schemaName) {
		return generate(resolve("#/components/schemas/" + schemaName), 0);
	}

	/**
	 * A payload for any schema of the document.
	 * @param pointer its JSON pointer, with {@code /} in path keys escaped as {@code ~1}
	 * @return the payload
	 */
	public JsonNode at(String pointer) {
		return generate(resolve("#" + pointer), 0);
	}

	/**
	 * Any JSON value: for fields a spec leaves open ({@code additionalProperties: true}).
	 * @return a random value of a random type
	 */
	public JsonNode anyValue() {
		return anyValue(0);
	}

	/**
	 * The random source, for choices a test makes around the payloads.
	 * @return the random
	 */
	public Random random() {
		return this.random;
	}

	private JsonNode generate(JsonNode schema, int depth) {
		if (schema.has("$ref")) {
			return (depth > MAX_DEPTH) ? NODES.nullNode() : generate(resolve(schema.get("$ref").asString()), depth + 1);
		}
		if (schema.has("allOf")) {
			ObjectNode merged = NODES.objectNode();
			for (JsonNode part : schema.get("allOf")) {
				JsonNode generated = generate(part, depth + 1);
				if (generated instanceof ObjectNode object) {
					merged.setAll(object);
				}
			}
			return merged;
		}
		for (String choice : List.of("oneOf", "anyOf")) {
			if (schema.has(choice) && schema.get(choice).size() > 0) {
				JsonNode options = schema.get(choice);
				return generate(options.get(this.random.nextInt(options.size())), depth + 1);
			}
		}
		if (schema.has("const")) {
			return schema.get("const");
		}
		String type = type(schema);
		if (type.equals("null")) {
			return NODES.nullNode();
		}
		if (schema.has("enum") && schema.get("enum").size() > 0) {
			if (chance(15)) {
				return NODES.stringNode("UNEXPECTED_" + this.random.nextInt(100));
			}
			JsonNode values = schema.get("enum");
			return values.get(this.random.nextInt(values.size()));
		}
		return switch (type) {
			case "object" -> object(schema, depth);
			case "array" -> array(schema, depth);
			case "string" -> string(schema);
			case "integer" -> integer();
			case "number" -> number();
			case "boolean" -> NODES.booleanNode(this.random.nextBoolean());
			default -> anyValue(depth);
		};
	}

	private ObjectNode object(JsonNode schema, int depth) {
		ObjectNode object = NODES.objectNode();
		if (depth > MAX_DEPTH) {
			return object;
		}
		Set<String> required = new java.util.HashSet<>();
		schema.path("required").forEach((name) -> required.add(name.asString()));
		for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
			boolean isRequired = required.contains(property.getKey());
			if (!isRequired && chance(35)) {
				continue;
			}
			if ((!isRequired || nullable(property.getValue())) && chance(15)) {
				object.putNull(property.getKey());
				continue;
			}
			object.set(property.getKey(), generate(property.getValue(), depth + 1));
		}
		JsonNode additional = schema.path("additionalProperties");
		if (additional.isObject() && !additional.isEmpty()) {
			for (int i = this.random.nextInt(3); i > 0; i--) {
				object.set("key-" + this.random.nextInt(1000), generate(additional, depth + 1));
			}
		}
		if (chance(30)) {
			object.set("x_unknown_" + this.random.nextInt(100), anyValue(depth + 1));
		}
		return object;
	}

	private ArrayNode array(JsonNode schema, int depth) {
		ArrayNode array = NODES.arrayNode();
		if (depth > MAX_DEPTH) {
			return array;
		}
		int size = Math.max(schema.path("minItems").asInt(0), this.random.nextInt(4));
		JsonNode items = schema.path("items");
		for (int i = 0; i < size; i++) {
			array.add(items.isMissingNode() ? anyValue(depth + 1) : generate(items, depth + 1));
		}
		return array;
	}

	private JsonNode string(JsonNode schema) {
		String format = schema.path("format").asString("");
		if (format.equals("date-time") && !chance(20)) {
			String[] instants = { "2026-11-24T12:00:00Z", "2026-11-24T12:00:00.123456789Z", "2026-11-24T12:00:00+05:30",
					"1970-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2026-11-24 12:00:00" };
			return NODES.stringNode(instants[this.random.nextInt(instants.length)]);
		}
		if (chance(30)) {
			return NODES.stringNode(ODD_STRINGS[this.random.nextInt(ODD_STRINGS.length)]);
		}
		return NODES.stringNode("s" + Long.toString(this.random.nextLong() & Long.MAX_VALUE, 36));
	}

	private JsonNode integer() {
		long[] edges = { 0, -1, 1, Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE };
		return chance(30) ? NODES.numberNode(edges[this.random.nextInt(edges.length)])
				: NODES.numberNode(this.random.nextInt(100_000));
	}

	private JsonNode number() {
		double[] edges = { 0, -0.5, 1e-9, 1e308, -1e308, 0.1 + 0.2 };
		return chance(30) ? NODES.numberNode(edges[this.random.nextInt(edges.length)])
				: NODES.numberNode(this.random.nextInt(100_000) / 100.0);
	}

	private JsonNode anyValue(int depth) {
		int kind = this.random.nextInt((depth > MAX_DEPTH) ? 5 : 7);
		return switch (kind) {
			case 0 -> NODES.nullNode();
			case 1 -> NODES.booleanNode(this.random.nextBoolean());
			case 2 -> integer();
			case 3 -> number();
			case 4 -> NODES.stringNode(ODD_STRINGS[this.random.nextInt(ODD_STRINGS.length)]);
			case 5 -> {
				ArrayNode array = NODES.arrayNode();
				for (int i = this.random.nextInt(3); i > 0; i--) {
					array.add(anyValue(depth + 1));
				}
				yield array;
			}
			default -> {
				ObjectNode object = NODES.objectNode();
				for (int i = this.random.nextInt(3); i > 0; i--) {
					object.set("k" + i, anyValue(depth + 1));
				}
				yield object;
			}
		};
	}

	private String type(JsonNode schema) {
		JsonNode type = schema.path("type");
		if (type.isArray()) {
			List<String> types = new ArrayList<>();
			type.forEach((entry) -> types.add(entry.asString()));
			if (types.contains("null") && types.size() > 1 && !chance(20)) {
				types.remove("null");
			}
			return types.get(this.random.nextInt(types.size()));
		}
		if (type.isString()) {
			return type.asString();
		}
		return schema.has("properties") ? "object" : (schema.has("items") ? "array" : "any");
	}

	private static boolean nullable(JsonNode schema) {
		if (schema.path("nullable").asBoolean(false)) {
			return true;
		}
		JsonNode type = schema.path("type");
		if (type.isArray()) {
			for (JsonNode entry : type) {
				if (entry.asString().equals("null")) {
					return true;
				}
			}
		}
		return false;
	}

	private boolean chance(int percent) {
		return this.random.nextInt(100) < percent;
	}

	private JsonNode resolve(String reference) {
		if (!reference.startsWith("#/")) {
			throw new IllegalArgumentException("only local references are supported: " + reference);
		}
		JsonNode node = this.document;
		Iterator<String> parts = List.of(reference.substring(2).split("/")).iterator();
		while (parts.hasNext()) {
			node = node.path(parts.next().replace("~1", "/").replace("~0", "~"));
		}
		if (node.isMissingNode()) {
			throw new IllegalArgumentException("no schema at " + reference);
		}
		return node;
	}

	private static JsonNode load(String document) {
		ObjectMapper mapper = document.endsWith(".yaml") ? new YAMLMapper() : WireJson.mapper();
		try (InputStream input = SchemaPayloads.class.getResourceAsStream("/provider-specs/" + document)) {
			if (input == null) {
				throw new IllegalArgumentException("no spec named " + document);
			}
			return mapper.readTree(input);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
