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
	 * The schema violations of a body.
	 * @param document the spec file name, e.g. {@code runpod-rest-v2-openapi.json}
	 * @param schemaName the component schema, e.g. {@code CreatePodRequest}
	 * @param body the body
	 * @return the violation messages (empty when valid)
	 */
	public static List<String> violations(String document, String schemaName, JsonNode body) {
		Schema schema = SCHEMAS.computeIfAbsent(document + "#" + schemaName, (key) -> REGISTRY
			.getSchema(SchemaLocation.of("classpath:provider-specs/" + document + "#/components/schemas/" + schemaName)));
		return schema.validate(body).stream().map(Error::getMessage).toList();
	}

}
