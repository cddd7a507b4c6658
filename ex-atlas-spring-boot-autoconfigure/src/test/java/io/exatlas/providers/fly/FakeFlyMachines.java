package io.exatlas.providers.fly;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.exatlas.internal.WireJson;
import io.exatlas.support.OpenApiSchemas;
import io.exatlas.test.fake.FakeCloud;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stateful fake of Fly's Machines API under {@code /v1}: apps with machines (creates validated against the
 * official {@code CreateMachineRequest} schema, answering 200), machines that are started once created, start,
 * stop, forced destroy (an unforced destroy of a started machine is refused), the server-side wait with 408 on
 * timeout, and cursor pagination through the {@code fly-next-cursor} header. Accepts {@code Bearer} and
 * {@code FlyV1} tokens.
 */
public final class FakeFlyMachines extends FakeCloud {

	public static final String TOKEN = "fo1_plain_fly_token_0123456789";

	public static final String MACAROON = "fm2_lJPECAAAAAAAAbcd,fm2_lJPEx9zzzz";

	public static final String APP = "atlas-machines";

	public static final String OTHER_APP = "atlas-other";

	private static final Pattern MACHINES = Pattern.compile("/v1/apps/([^/]+)/machines");

	private static final Pattern MACHINE = Pattern.compile("/v1/apps/([^/]+)/machines/([^/]+)(?:/(start|stop|wait))?");

	final Map<String, Map<String, ObjectNode>> apps = Collections.synchronizedMap(new LinkedHashMap<>());

	final AtomicInteger waitTimeouts = new AtomicInteger();

	volatile int pageSize = 1000;

	public FakeFlyMachines() {
		clearState();
	}

	public String baseUrl() {
		return url("/v1");
	}

	@Override
	protected void clearState() {
		this.apps.clear();
		this.apps.put(APP, Collections.synchronizedMap(new LinkedHashMap<>()));
		this.apps.put(OTHER_APP, Collections.synchronizedMap(new LinkedHashMap<>()));
		this.waitTimeouts.set(0);
		this.pageSize = 1000;
	}

	@Override
	protected boolean authorized(RecordedRequest request) {
		String header = request.getHeaders().get("Authorization");
		return ("Bearer " + TOKEN).equals(header) || ("FlyV1 " + MACAROON).equals(header);
	}

	@Override
	protected MockResponse unauthorized(RecordedRequest request) {
		return error(401, "unauthorized", null);
	}

	@Override
	protected MockResponse route(String method, String path, RecordedRequest request, JsonNode body) {
		Matcher machines = MACHINES.matcher(path);
		if (machines.matches()) {
			Map<String, ObjectNode> app = this.apps.get(machines.group(1));
			if (app == null) {
				return error(404, "app not found", null);
			}
			return method.equals("POST") ? create(app, body) : list(app, request);
		}
		Matcher machine = MACHINE.matcher(path);
		if (!machine.matches()) {
			return error(404, "not found", null);
		}
		Map<String, ObjectNode> app = this.apps.get(machine.group(1));
		ObjectNode found = (app != null) ? app.get(machine.group(2)) : null;
		if (found == null) {
			return error(404, "machine not found", null);
		}
		String state = found.path("state").asString();
		String action = machine.group(3);
		if (action == null) {
			return method.equals("DELETE") ? destroy(found, request) : json(200, read(found));
		}
		return switch (action) {
			case "start" -> {
				found.put("state", "started");
				yield json(200, WireJson.object().put("previous_state", state));
			}
			case "stop" -> {
				found.put("state", "stopped");
				yield json(200, WireJson.object().put("ok", true));
			}
			default -> {
				if (this.waitTimeouts.getAndUpdate((left) -> Math.max(0, left - 1)) > 0) {
					yield error(408, "deadline_exceeded: Timeout waiting for machine", null);
				}
				yield json(200, WireJson.object().put("ok", true).put("state", found.path("state").asString()));
			}
		};
	}

	private MockResponse create(Map<String, ObjectNode> app, JsonNode body) {
		List<String> violations = OpenApiSchemas.violations("fly-machines-openapi.json", "CreateMachineRequest", body);
		if (!violations.isEmpty() || !body.path("config").has("image")) {
			return error(422, "invalid machine config: " + violations, null);
		}
		String id = randomId(14);
		ObjectNode machine = WireJson.object();
		machine.put("id", id);
		machine.put("name", body.path("name").asString("generated-" + id));
		machine.put("state", body.path("skip_launch").asBoolean() ? "stopped" : "created");
		machine.put("region", body.path("region").asString("ord"));
		machine.put("instance_id", "01J" + id.toUpperCase());
		machine.put("private_ip", "fdaa:0:1::" + app.size());
		machine.set("config", body.path("config"));
		machine.putObject("image_ref").put("registry", "registry-1.docker.io").put("repository", "library/app");
		machine.put("created_at", Instant.now().toString());
		machine.put("updated_at", Instant.now().toString());
		app.put(id, machine);
		ObjectNode created = machine.deepCopy();
		if (!body.path("skip_launch").asBoolean()) {
			machine.put("state", "started");
		}
		return json(200, created);
	}

	private static JsonNode read(ObjectNode machine) {
		return machine.deepCopy();
	}

	private MockResponse list(Map<String, ObjectNode> app, RecordedRequest request) {
		String target = request.getTarget();
		String cursor = target.contains("cursor=") ? target.replaceAll(".*cursor=([^&]+).*", "$1") : null;
		List<ObjectNode> live = new ArrayList<>();
		synchronized (app) {
			app.values().stream().filter((machine) -> !machine.path("state").asString().equals("destroyed")).forEach(live::add);
		}
		int start = 0;
		if (cursor != null) {
			for (int i = 0; i < live.size(); i++) {
				if (live.get(i).path("id").asString().equals(cursor)) {
					start = i + 1;
				}
			}
		}
		ArrayNode page = WireJson.mapper().createArrayNode();
		int end = Math.min(live.size(), start + this.pageSize);
		live.subList(start, end).forEach((machine) -> page.add(read(machine)));
		MockResponse.Builder response = new MockResponse.Builder().code(200)
			.addHeader("Content-Type", "application/json")
			.body(page.toString());
		if (end < live.size()) {
			response.addHeader(FlyMachinesClient.NEXT_CURSOR_HEADER, live.get(end - 1).path("id").asString());
		}
		return response.build();
	}

	private MockResponse destroy(ObjectNode machine, RecordedRequest request) {
		boolean force = request.getTarget().contains("force=true");
		if (machine.path("state").asString().equals("started") && !force) {
			return error(412, "failed_precondition: machine still active, refusing to destroy", null);
		}
		machine.put("state", "destroyed");
		return json(200, WireJson.object().put("ok", true));
	}

	static MockResponse error(int status, String message, String flyStatus) {
		ObjectNode body = WireJson.object().put("error", message);
		if (flyStatus != null) {
			body.put("status", flyStatus);
		}
		return json(status, body);
	}

}
