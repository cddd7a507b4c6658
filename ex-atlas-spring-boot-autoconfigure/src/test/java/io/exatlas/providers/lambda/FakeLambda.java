package io.exatlas.providers.lambda;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.exatlas.internal.WireJson;
import io.exatlas.providers.lambda.internal.LambdaLabsTranslator;
import io.exatlas.support.OpenApiSchemas;
import io.exatlas.test.fake.FakeCloud;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stateful fake of Lambda's Cloud API v1 under {@code /api/v1}: instance types with per-region capacity, launch
 * (validated against the official 1.10 request schema, answering Lambda's error envelope), instances moving from
 * booting to active on the first read, terminate and restart.
 */
public final class FakeLambda extends FakeCloud {

	public static final String KEY = "secret_lambda_test_key_abcdef";

	public static final String SSH_KEY = "atlas-key";

	public static final String PUBLIC_IP = "198.51.100.23";

	private static final String LAUNCH_SCHEMA = "/paths/~1api~1v1~1instance-operations~1launch/post/requestBody/content/"
			+ "application~1json/schema";

	private static final Pattern INSTANCE = Pattern.compile("/api/v1/instances/([^/]+)");

	final Map<String, ObjectNode> instances = Collections.synchronizedMap(new LinkedHashMap<>());

	final Map<String, List<String>> capacity = Collections.synchronizedMap(new LinkedHashMap<>());

	public FakeLambda() {
		clearState();
	}

	public String baseUrl() {
		return url("/api/v1");
	}

	@Override
	protected void clearState() {
		this.instances.clear();
		this.capacity.clear();
		this.capacity.put("gpu_1x_h100_pcie", List.of("us-east-1", "us-west-2"));
		this.capacity.put("gpu_8x_h100_sxm5", List.of("us-west-2"));
		this.capacity.put("gpu_1x_a10", List.of());
		this.capacity.put("cpu_4x_general", List.of("us-east-1"));
	}

	@Override
	protected boolean authorized(RecordedRequest request) {
		return ("Bearer " + KEY).equals(request.getHeaders().get("Authorization"));
	}

	@Override
	protected MockResponse unauthorized(RecordedRequest request) {
		return error(401, "global/invalid-api-key", "API key was invalid, expired, or deleted.");
	}

	@Override
	protected MockResponse route(String method, String path, RecordedRequest request, JsonNode body) {
		if (method.equals("GET") && path.equals("/api/v1/instance-types")) {
			return data(instanceTypes());
		}
		if (method.equals("GET") && path.equals("/api/v1/instances")) {
			ArrayNode list = WireJson.mapper().createArrayNode();
			synchronized (this.instances) {
				this.instances.values().forEach((instance) -> list.add(read(instance)));
			}
			return data(list);
		}
		if (method.equals("POST") && path.equals("/api/v1/instance-operations/launch")) {
			return launch(body);
		}
		if (method.equals("POST") && path.startsWith("/api/v1/instance-operations/")) {
			String operation = path.substring(path.lastIndexOf('/') + 1);
			ObjectNode result = WireJson.object();
			ArrayNode changed = result.putArray(operation.equals("terminate") ? "terminated_instances"
					: "restarted_instances");
			for (JsonNode id : body.path("instance_ids")) {
				ObjectNode instance = this.instances.get(id.asString());
				if (instance == null) {
					return error(404, "global/object-does-not-exist", "Specified instance does not exist.");
				}
				instance.put("status", operation.equals("terminate") ? "terminated" : "booting");
				changed.add(instance.deepCopy());
			}
			return data(result);
		}
		Matcher instance = INSTANCE.matcher(path);
		if (method.equals("GET") && instance.matches()) {
			ObjectNode found = this.instances.get(instance.group(1));
			return (found != null) ? data(read(found))
					: error(404, "global/object-does-not-exist", "Specified instance does not exist.");
		}
		return error(404, "global/object-does-not-exist", "no route " + method + " " + path);
	}

	private MockResponse launch(JsonNode body) {
		List<String> violations = OpenApiSchemas.violationsAt("lambda-cloud-openapi.json", LAUNCH_SCHEMA, body);
		if (!violations.isEmpty()) {
			return error(400, "global/invalid-parameters", String.join("; ", violations));
		}
		String type = body.path("instance_type_name").asString();
		if (!this.capacity.containsKey(type)) {
			return error(404, "global/object-does-not-exist", "Specified instance type does not exist.");
		}
		if (!this.capacity.get(type).contains(body.path("region_name").asString())) {
			return error(400, LambdaLabsTranslator.INSUFFICIENT_CAPACITY_CODE,
					"Not enough capacity to fulfill launch request.");
		}
		if (!List.of(SSH_KEY).equals(WireJson.strings(body, "ssh_key_names"))) {
			return error(400, "global/invalid-parameters", "SSH key not found");
		}
		String id = randomId(32);
		ObjectNode instance = WireJson.object();
		instance.put("id", id);
		instance.put("name", body.path("name").asString());
		instance.put("status", "booting");
		instance.set("ssh_key_names", body.path("ssh_key_names"));
		instance.set("file_system_names",
				body.has("file_system_names") ? body.path("file_system_names") : WireJson.mapper().createArrayNode());
		instance.putObject("region").put("name", body.path("region_name").asString()).put("description", "Region");
		instance.set("instance_type", instanceTypes().path(type).path("instance_type"));
		instance.set("tags", body.has("tags") ? body.path("tags") : WireJson.mapper().createArrayNode());
		this.instances.put(id, instance);
		ObjectNode launched = WireJson.object();
		launched.putArray("instance_ids").add(id);
		return data(launched);
	}

	private static JsonNode read(ObjectNode instance) {
		ObjectNode copy = instance.deepCopy();
		if (instance.path("status").asString().equals("booting")) {
			instance.put("status", "active");
			instance.put("ip", PUBLIC_IP);
		}
		return copy;
	}

	private ObjectNode instanceTypes() {
		ObjectNode types = WireJson.object();
		this.capacity.forEach((name, regions) -> {
			ObjectNode entry = types.putObject(name);
			int gpus = name.startsWith("gpu_") ? Integer.parseInt(name.split("_")[1].replace("x", "")) : 0;
			ObjectNode type = entry.putObject("instance_type");
			type.put("name", name);
			type.put("description", name);
			type.put("gpu_description", name.contains("h100") ? "H100 (80 GB PCIe)" : "A10 (24 GB PCIe)");
			type.put("price_cents_per_hour", name.contains("h100") ? 249 * Math.max(gpus, 1) : 75);
			type.putObject("specs").put("vcpus", 26).put("memory_gib", 200).put("storage_gib", 1024).put("gpus", gpus);
			ArrayNode available = entry.putArray("regions_with_capacity_available");
			regions.forEach((region) -> available.addObject().put("name", region).put("description", region));
		});
		return types;
	}

	static MockResponse data(JsonNode payload) {
		ObjectNode body = WireJson.object();
		body.set("data", payload);
		return json(200, body);
	}

	static MockResponse error(int status, String code, String message) {
		ObjectNode body = WireJson.object();
		body.putObject("error").put("code", code).put("message", message).put("suggestion", "Try again later");
		return json(status, body);
	}

}
