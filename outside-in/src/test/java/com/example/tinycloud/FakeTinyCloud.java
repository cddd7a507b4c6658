package com.example.tinycloud;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.exatlas.test.fake.FakeCloud;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The user's fake of their own cloud, on the kit's {@link FakeCloud}: machines kept in memory behind the four calls
 * of the wire API, with a bearer key.
 */
final class FakeTinyCloud extends FakeCloud {

	static final String KEY = "tinycloud-test-key-0123456789";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Map<String, ObjectNode> machines = new LinkedHashMap<>();

	@Override
	protected void clearState() {
		this.machines.clear();
	}

	@Override
	protected boolean authorized(RecordedRequest request) {
		return ("Bearer " + KEY).equals(request.getHeaders().get("Authorization"));
	}

	@Override
	protected MockResponse unauthorized(RecordedRequest request) {
		return json(401, JSON.createObjectNode().put("error", "bad key"));
	}

	@Override
	protected MockResponse route(String method, String path, RecordedRequest request, JsonNode body) {
		if (method.equals("POST") && path.equals("/machines")) {
			ObjectNode machine = JSON.createObjectNode()
				.put("id", "m-" + randomId(8))
				.put("name", body.path("name").asString(null))
				.put("image", body.path("image").asString(null))
				.put("spawnToken", body.path("spawnToken").asString(null))
				.put("state", "running");
			this.machines.put(machine.path("id").asString(), machine);
			return json(201, machine);
		}
		if (method.equals("GET") && path.equals("/machines")) {
			ArrayNode list = JSON.createArrayNode();
			new ArrayList<>(this.machines.values()).forEach(list::add);
			return json(200, list);
		}
		if (path.startsWith("/machines/")) {
			ObjectNode machine = this.machines.get(path.substring("/machines/".length()));
			if (machine == null) {
				return json(404, JSON.createObjectNode().put("error", "no such machine"));
			}
			if (method.equals("GET")) {
				return json(200, machine);
			}
			if (method.equals("DELETE")) {
				machine.put("state", "gone");
				return new MockResponse.Builder().code(204).build();
			}
		}
		return json(404, JSON.createObjectNode().put("error", "no route " + method + " " + path));
	}

	/**
	 * The machines the fake holds.
	 * @return their names
	 */
	synchronized List<String> names() {
		return this.machines.values().stream().map((machine) -> machine.path("name").asString("")).toList();
	}

}
