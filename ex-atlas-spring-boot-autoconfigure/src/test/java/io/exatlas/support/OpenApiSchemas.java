package io.exatlas.support;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.JsonNode;

/**
 * Validates wire bodies against a schema of a cloud's official OpenAPI document (copied from
 * {@code shared/provider-specs} into {@code src/test/resources/provider-specs}).
 */
public final class OpenApiSchemas {

	private static final SchemaRegistry REGISTRY = SchemaRegistry
		.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

	private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

	private OpenApiSchemas() {
	}

	/**
	 * The schema violations of a body against a component schema.
	 * @param document the spec file name, e.g. {@code runpod-rest-v2-openapi.json}
	 * @param schemaName the component schema, e.g. {@code CreatePodRequest}
	 * @param body the body
	 * @return the violation messages (empty when valid)
	 */
	public static List<String> violations(String document, String schemaName, JsonNode body) {
		return violationsAt(document, "/components/schemas/" + schemaName, body);
	}

	/**
	 * The schema violations of a body against any schema of a document (e.g. a request body declared inline under
	 * a path).
	 * @param document the spec file name
	 * @param pointer the JSON pointer of the schema, with {@code /} in path keys escaped as {@code ~1}
	 * @param body the body
	 * @return the violation messages (empty when valid)
	 */
	public static List<String> violationsAt(String document, String pointer, JsonNode body) {
		Schema schema = SCHEMAS.computeIfAbsent(document + "#" + pointer,
				(key) -> REGISTRY.getSchema(SchemaLocation.of("classpath:provider-specs/" + key)));
		return schema.validate(body).stream().map(Error::getMessage).toList();
	}

}
