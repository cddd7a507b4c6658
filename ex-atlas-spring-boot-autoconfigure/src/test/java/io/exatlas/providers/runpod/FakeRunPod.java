package io.exatlas.providers.runpod;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
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
 * A stateful fake of RunPod's three APIs on one local HTTP server: management REST v2 under {@code /v2}, the
 * serverless runtime under {@code /runtime}, GraphQL at {@code /graphql}. Create bodies are validated against the
 * official v2 schema (422 like the real API); pods move PROVISIONING → RUNNING → EXITED; jobs move IN_QUEUE →
 * IN_PROGRESS → COMPLETED one step per poll and stream one chunk per step. Faults are injected per request.
 */
public final class FakeRunPod extends FakeCloud {

	public static final String KEY = "rp_test_key_0123456789abcdef";

	public static final String PUBLIC_IP = "203.0.113.7";

	private static final Pattern POD = Pattern.compile("/v2/pods/([^/?]+)");

	private static final Pattern POD_ACTION = Pattern.compile("/v2/pods/([^/?]+)/action");

	private static final Pattern RUNTIME = Pattern.compile("/runtime/([^/?]+)/(run|runsync|status|cancel|stream)(?:/([^/?]+))?");

	final Map<String, ObjectNode> pods = Collections.synchronizedMap(new LinkedHashMap<>());

	final Map<String, FakeJob> jobs = Collections.synchronizedMap(new LinkedHashMap<>());

	volatile int jobSteps = 2;

	volatile boolean jobsNeverFinish;

	volatile boolean spotCapacityExhausted;

	public String managementUrl() {
		return url("/v2");
	}

	public String runtimeUrl() {
		return url("/runtime");
	}

	public String graphqlUrl() {
		return url("/graphql");
	}

	/** Let the next create really create the pod, then answer with the given status (RunPod's known bug). */
	void createThenFail(int status) {
		handleThenFail("POST", "/v2/pods", problem(status, "Internal Server Error", "failed to read back the created pod"));
	}

	@Override
	protected void clearState() {
		this.pods.clear();
		this.jobs.clear();
		this.jobSteps = 2;
		this.jobsNeverFinish = false;
		this.spotCapacityExhausted = false;
	}

	@Override
	protected boolean authorized(RecordedRequest request) {
		return ("Bearer " + KEY).equals(request.getHeaders().get("Authorization"));
	}

	@Override
	protected MockResponse unauthorized(RecordedRequest request) {
		return problem(401, "Unauthorized", "missing bearer token");
	}

	@Override
	protected MockResponse route(String method, String path, RecordedRequest request, JsonNode body) {
		if (path.startsWith("/graphql")) {
			return graphql(body);
		}
		if (path.startsWith("/runtime/")) {
			return runtime(method, path, body);
		}
		return management(method, path, body);
	}

	private MockResponse management(String method, String path, JsonNode body) {
		String bare = path;
		if (bare.equals("/v2/pods") && method.equals("POST")) {
			List<String> violations = OpenApiSchemas.violations("runpod-rest-v2-openapi.json", "CreatePodRequest", body);
			if (!violations.isEmpty()) {
				ObjectNode problem = problemBody(422, "Unprocessable Entity", "Request validation failed.");
				ArrayNode errors = problem.putArray("errors");
				violations.forEach(errors::add);
				return new MockResponse.Builder().code(422)
					.addHeader("Content-Type", "application/problem+json")
					.body(problem.toString())
					.build();
			}
			return json(201, createPod(body));
		}
		if (bare.equals("/v2/pods") && method.equals("GET")) {
			ObjectNode list = WireJson.object();
			ArrayNode items = list.putArray("pods");
			synchronized (this.pods) {
				this.pods.values().forEach((pod) -> items.add(read(pod)));
			}
			return json(200, list);
		}
		Matcher action = POD_ACTION.matcher(bare);
		if (action.matches() && method.equals("POST")) {
			return podAction(action.group(1), body.path("action").asString());
		}
		Matcher pod = POD.matcher(bare);
		if (pod.matches()) {
			ObjectNode found = this.pods.get(pod.group(1));
			if (found == null) {
				return problem(404, "Not Found", "pod not found");
			}
			if (method.equals("DELETE")) {
				this.pods.remove(pod.group(1));
				return new MockResponse.Builder().code(204).build();
			}
			return json(200, read(found));
		}
		return problem(404, "Not Found", "no route " + method + " " + bare);
	}

	ObjectNode createPod(JsonNode body) {
		String id = randomId(14);
		ObjectNode pod = WireJson.object();
		pod.put("id", id);
		pod.put("name", body.path("name").asString());
		pod.put("status", "PROVISIONING");
		pod.set("actions", WireJson.toTree(List.of("terminate")));
		pod.put("image", body.path("image").asString(body.path("imageName").asString("")));
		pod.put("disk", body.path("disk").asInt(body.path("containerDiskInGb").asInt(50)));
		ObjectNode env = pod.putObject("env");
		if (body.path("env").isObject()) {
			env.setAll((ObjectNode) body.path("env"));
		}
		else {
			body.path("env").forEach((entry) -> env.put(entry.path("key").asString(), entry.path("value").asString()));
		}
		ArrayNode ports = pod.putArray("ports");
		if (body.path("ports").isString()) {
			List.of(body.path("ports").asString().split(",")).forEach(ports::add);
		}
		else {
			body.path("ports").forEach(ports::add);
		}
		String gpuId = body.path("gpu").path("id").asString(body.path("gpuTypeId").asString(null));
		if (gpuId != null) {
			int count = body.path("gpu").path("count").asInt(body.path("gpuCount").asInt(1));
			pod.putObject("gpu").put("id", gpuId).put("count", count);
			pod.put("cost", 0.44 * count);
		}
		pod.put("cloud", body.path("cloud").asString("SECURE"));
		pod.put("dataCenterId", body.path("dataCenterIds").path(0).asString(body.path("dataCenterId").asString("US-KS-2")));
		pod.put("interruptible", body.has("bidPerGpu"));
		pod.put("createdAt", Instant.now().toString());
		pod.putNull("runtime");
		this.pods.put(id, pod);
		ObjectNode created = pod.deepCopy();
		pod.put("status", "RUNNING");
		pod.set("runtime", runtime(pod));
		return created;
	}

	private MockResponse podAction(String id, String action) {
		ObjectNode pod = this.pods.get(id);
		if (pod == null) {
			return problem(404, "Not Found", "pod not found");
		}
		String status = pod.path("status").asString();
		switch (action) {
			case "stop" -> {
				if (!status.equals("RUNNING")) {
					return problem(409, "Conflict", "Action not valid for current pod status");
				}
				pod.put("status", "EXITED");
				pod.put("cost", 0.0);
				pod.putNull("runtime");
			}
			case "start" -> {
				if (!status.equals("EXITED")) {
					return problem(409, "Conflict", "Action not valid for current pod status");
				}
				pod.put("status", "RUNNING");
				pod.set("runtime", runtime(pod));
			}
			case "restart" -> pod.put("status", "RUNNING");
			case "terminate" -> {
				this.pods.remove(id);
				return new MockResponse.Builder().code(204).build();
			}
			default -> {
				return problem(400, "Bad Request", "unknown action " + action);
			}
		}
		return json(200, read(pod));
	}

	private static ObjectNode runtime(ObjectNode pod) {
		ObjectNode runtime = WireJson.object().put("uptime", 1);
		ArrayNode ports = runtime.putArray("ports");
		for (JsonNode declared : pod.path("ports")) {
			String[] parts = declared.asString().split("/");
			int port = Integer.parseInt(parts[0]);
			ObjectNode entry = ports.addObject().put("private", port).put("type", parts[1]);
			if (parts[1].equals("tcp")) {
				entry.put("public", 30000 + port).put("ip", PUBLIC_IP);
			}
			else {
				entry.putNull("public").putNull("ip");
			}
		}
		return runtime;
	}

	private static JsonNode read(ObjectNode pod) {
		return pod.deepCopy();
	}

	private MockResponse runtime(String method, String path, JsonNode body) {
		Matcher matcher = RUNTIME.matcher(path);
		if (!matcher.matches()) {
			return problem(404, "Not Found", "no route");
		}
		String endpoint = matcher.group(1);
		String operation = matcher.group(2);
		String jobId = matcher.group(3);
		if (operation.equals("run") || operation.equals("runsync")) {
			FakeJob job = new FakeJob("job-" + randomId(14), endpoint, body.path("input"));
			this.jobs.put(job.id, job);
			if (operation.equals("runsync") && !this.jobsNeverFinish) {
				while (!job.terminal()) {
					job.advance(this.jobSteps);
				}
			}
			else if (operation.equals("runsync")) {
				job.advance(this.jobSteps);
			}
			return json(200, job.status());
		}
		FakeJob job = this.jobs.get(jobId);
		if (job == null || !job.endpoint.equals(endpoint)) {
			return json(404, WireJson.object().put("error", "job " + jobId + " not found"));
		}
		return switch (operation) {
			case "status" -> {
				if (!this.jobsNeverFinish) {
					job.advance(this.jobSteps);
				}
				yield json(200, job.status());
			}
			case "cancel" -> {
				job.cancel();
				yield json(200, WireJson.object().put("id", job.id).put("status", job.state));
			}
			default -> {
				if (!this.jobsNeverFinish) {
					job.advance(this.jobSteps);
				}
				ObjectNode stream = WireJson.object().put("status", job.state);
				ArrayNode chunks = stream.putArray("stream");
				job.drain().forEach((chunk) -> chunks.addObject().set("output", chunk));
				if (job.error != null) {
					stream.put("error", job.error);
				}
				yield json(200, stream);
			}
		};
	}

	private MockResponse graphql(JsonNode body) {
		String query = body.path("query").asString();
		if (query.contains("podRentInterruptable")) {
			if (this.spotCapacityExhausted) {
				ObjectNode response = WireJson.object();
				response.putArray("errors")
					.addObject()
					.put("message", "There are no longer any instances available with the requested specifications. "
							+ "Please refresh and try again.")
					.putObject("extensions")
					.put("code", "RUNPOD");
				response.putObject("data").putNull("podRentInterruptable");
				return json(200, response);
			}
			JsonNode input = body.path("variables").path("input");
			ObjectNode pod = createPod(input);
			ObjectNode created = WireJson.object();
			created.put("id", pod.path("id").asString());
			created.put("name", pod.path("name").asString());
			created.put("desiredStatus", "RUNNING");
			created.put("imageName", pod.path("image").asString());
			created.put("costPerHr", input.path("bidPerGpu").asDouble() * input.path("gpuCount").asInt(1));
			ArrayNode env = created.putArray("env");
			pod.path("env").properties().forEach((entry) -> env.add(entry.getKey() + "=" + entry.getValue().asString()));
			ObjectNode response = WireJson.object();
			response.putObject("data").set("podRentInterruptable", created);
			return json(200, response);
		}
		if (query.contains("ExAtlasSpotBid")) {
			ObjectNode response = WireJson.object();
			response.putObject("data")
				.putArray("gpuTypes")
				.addObject()
				.put("id", "NVIDIA H100 80GB HBM3")
				.putObject("lowestPrice")
				.put("minimumBidPrice", 1.19);
			return json(200, response);
		}
		if (query.contains("gpuTypes")) {
			ObjectNode response = WireJson.object();
			ArrayNode types = response.putObject("data").putArray("gpuTypes");
			types.add(gpu("NVIDIA H100 80GB HBM3", "H100 SXM", 80, 2.99, 2.69, 1.19, "High"));
			types.add(gpu("NVIDIA GeForce RTX 4090", "RTX 4090", 24, 0.69, 0.34, 0.2, "Medium"));
			types.add(gpu("NVIDIA B300", "B300", 288, 6.5, 0, 0, null));
			types.addObject().put("id", "unknown").put("displayName", "unknown");
			return json(200, response);
		}
		ObjectNode response = WireJson.object();
		response.putArray("errors").addObject().put("message", "unsupported query in the fake");
		return json(200, response);
	}

	private static ObjectNode gpu(String id, String name, int memory, double secure, double community, double bid,
			String stock) {
		ObjectNode gpu = WireJson.object()
			.put("id", id)
			.put("displayName", name)
			.put("memoryInGb", memory)
			.put("secureCloud", true)
			.put("communityCloud", community > 0)
			.put("securePrice", secure)
			.put("communityPrice", community);
		ObjectNode lowest = gpu.putObject("lowestPrice");
		lowest.put("uninterruptablePrice", (community > 0) ? community : secure);
		lowest.put("minimumBidPrice", bid);
		lowest.put("stockStatus", stock);
		return gpu;
	}

	static MockResponse problem(int status, String title, String detail) {
		return new MockResponse.Builder().code(status)
			.addHeader("Content-Type", "application/problem+json")
			.body(problemBody(status, title, detail).toString())
			.build();
	}

	private static ObjectNode problemBody(int status, String title, String detail) {
		return WireJson.object().put("title", title).put("status", status).put("detail", detail);
	}

	private record Fault(String method, Pattern path, MockResponse response, boolean createFirst) {

		boolean matches(String requestMethod, String requestPath) {
			return this.method.equals(requestMethod) && this.path.matcher(requestPath.split("\\?")[0]).matches();
		}

	}

	/** A serverless job advancing one step per poll. */
	static final class FakeJob {

		final String id;

		final String endpoint;

		final JsonNode input;

		String state = "IN_QUEUE";

		int emitted;

		String error;

		private final List<JsonNode> pending = new ArrayList<>();

		FakeJob(String id, String endpoint, JsonNode input) {
			this.id = id;
			this.endpoint = endpoint;
			this.input = input;
		}

		boolean terminal() {
			return Predicate.<String>isEqual("COMPLETED")
				.or("FAILED"::equals)
				.or("CANCELLED"::equals)
				.test(this.state);
		}

		void advance(int steps) {
			if (this.state.equals("IN_QUEUE")) {
				this.state = "IN_PROGRESS";
			}
			else if (this.state.equals("IN_PROGRESS") && this.emitted < steps) {
				this.emitted++;
				this.pending.add(WireJson.toTree("part-" + this.emitted));
			}
			else if (this.state.equals("IN_PROGRESS")) {
				if (this.input.has("fail")) {
					this.state = "FAILED";
					this.error = this.input.path("fail").asString();
				}
				else {
					this.state = "COMPLETED";
				}
			}
		}

		void cancel() {
			if (!terminal()) {
				this.state = "CANCELLED";
			}
		}

		List<JsonNode> drain() {
			List<JsonNode> chunks = List.copyOf(this.pending);
			this.pending.clear();
			return chunks;
		}

		ObjectNode status() {
			ObjectNode job = WireJson.object().put("id", this.id).put("status", this.state).put("delayTime", 12);
			if (this.state.equals("COMPLETED")) {
				job.put("executionTime", 345);
				ObjectNode output = job.putObject("output");
				output.set("echo", this.input);
			}
			if (this.error != null) {
				job.put("error", this.error);
			}
			return job;
		}

	}

}
