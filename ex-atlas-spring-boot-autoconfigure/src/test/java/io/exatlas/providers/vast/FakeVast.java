package io.exatlas.providers.vast;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.exatlas.internal.WireJson;
import io.exatlas.providers.vast.internal.VastTranslator;
import io.exatlas.support.OpenApiSchemas;
import io.exatlas.test.fake.FakeCloud;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stateful fake of Vast.ai: an offer market (search with eq/gte/lte/in filters, order and limit; a rented offer
 * leaves the market), create from an ask (validated against the official schema except {@code env}, which the fake
 * accepts in the CLI's object form), instances that start on their second read with Docker port mappings, state
 * changes, destroy, and the paginated v1 listing.
 */
public final class FakeVast extends FakeCloud {

	public static final String KEY = "vast_test_key_0123456789abcdef";

	public static final String PUBLIC_IP = "203.0.113.50";

	private static final String SEARCH_SCHEMA = "/paths/~1api~1v0~1bundles/post/requestBody/content/application~1json/schema";

	private static final String CREATE_SCHEMA = "/paths/~1api~1v0~1asks~1{id}/put/requestBody/content/application~1json/schema";

	private static final Pattern ASK = Pattern.compile("/api/v0/asks/(\\d+)/?");

	private static final Pattern INSTANCE = Pattern.compile("/api/v0/instances/(\\d+)/?");

	final Map<String, ObjectNode> offers = Collections.synchronizedMap(new LinkedHashMap<>());

	final Map<String, ObjectNode> instances = Collections.synchronizedMap(new LinkedHashMap<>());

	/** Offers still listed by the search but already rented by someone else. */
	final Set<String> takenElsewhere = ConcurrentHashMap.newKeySet();

	private final AtomicLong nextId = new AtomicLong(30_000_000);

	public FakeVast() {
		clearState();
	}

	public String baseUrl() {
		return url("");
	}

	@Override
	protected void clearState() {
		this.offers.clear();
		this.instances.clear();
		this.takenElsewhere.clear();
		offer(1001, "RTX 4090", 1, 0.35, 0.20, "Oslo, NO", 0.99, 100);
		offer(1002, "RTX 4090", 1, 0.30, 0.15, "Austin, US", 0.95, 50);
		offer(1003, "H100 SXM", 1, 2.10, 1.20, "Dallas, US", 0.999, 500);
		offer(1004, "H100 SXM", 8, 16.0, 9.0, "Dallas, US", 0.999, 1000);
		offer(1005, "H100 SXM", 1, 2.40, 1.30, "Frankfurt, DE", 0.98, 200);
		offer(1006, "RTX 4090", 1, 0.25, 0.10, "Tokyo, JP", 0.97, 10);
		offer(1007, "H100 SXM", 1, 2.60, 1.40, "Ashburn, US", 0.99, 300);
	}

	private void offer(int id, String gpu, int gpus, double price, double minBid, String location, double reliability,
			int disk) {
		ObjectNode offer = WireJson.object();
		offer.put("id", id).put("ask_contract_id", id).put("machine_id", id * 10).put("gpu_name", gpu);
		offer.put("num_gpus", gpus).put("gpu_ram", gpu.startsWith("H100") ? 81559 : 24564).put("dph_total", price);
		offer.put("min_bid", minBid).put("geolocation", location).put("reliability2", reliability);
		offer.put("disk_space", disk).put("verified", true).put("external", false).put("rentable", true);
		offer.put("rented", false).put("public_ipaddr", PUBLIC_IP).put("datacenter", reliability >= 0.98);
		this.offers.put(String.valueOf(id), offer);
	}

	@Override
	protected boolean authorized(RecordedRequest request) {
		return ("Bearer " + KEY).equals(request.getHeaders().get("Authorization"));
	}

	@Override
	protected MockResponse unauthorized(RecordedRequest request) {
		if (request.getTarget().startsWith("/api/v0/bundles")) {
			return notFound();
		}
		return json(401, WireJson.object().put("success", false).put("error", "auth_error").put("msg", "Invalid user key"));
	}

	@Override
	protected MockResponse route(String method, String path, RecordedRequest request, JsonNode body) {
		if (method.equals("POST") && path.equals("/api/v0/bundles/")) {
			return search(body);
		}
		Matcher ask = ASK.matcher(path);
		if (method.equals("PUT") && ask.matches()) {
			return create(ask.group(1), body);
		}
		if (method.equals("GET") && path.equals("/api/v1/instances/")) {
			return list(request);
		}
		Matcher instance = INSTANCE.matcher(path);
		if (instance.matches()) {
			ObjectNode found = this.instances.get(instance.group(1));
			return switch (method) {
				case "GET" -> {
					ObjectNode response = WireJson.object();
					if (found == null) {
						response.putNull("instances");
					}
					else {
						response.set("instances", read(found));
					}
					yield json(200, response);
				}
				case "PUT" -> (found == null) ? notFound() : changeState(found, body);
				case "DELETE" -> {
					if (this.instances.remove(instance.group(1)) == null) {
						yield notFound();
					}
					yield json(200, WireJson.object().put("success", true));
				}
				default -> notFound();
			};
		}
		return notFound();
	}

	private MockResponse search(JsonNode body) {
		// The CLI's forms, which the spec contradicts: "on-demand" (the enum says "ondemand") and order as a list
		// of [field, direction] pairs (the schema puts minItems 2 on the outer list, against its own description).
		ObjectNode checked = ((ObjectNode) body).deepCopy();
		checked.remove("type");
		JsonNode order = checked.remove("order");
		if (order != null && !(order.isArray() && order.path(0).isArray() && order.path(0).size() == 2)) {
			return invalid("order must be a list of [field, direction] pairs");
		}
		List<String> violations = OpenApiSchemas.violationsAt("vast-openapi.yaml", SEARCH_SCHEMA, checked);
		if (!violations.isEmpty() || !List.of("on-demand", "bid").contains(body.path("type").asString())) {
			return invalid(String.join("; ", violations) + " type=" + body.path("type"));
		}
		List<ObjectNode> matching = new ArrayList<>();
		synchronized (this.offers) {
			for (ObjectNode offer : this.offers.values()) {
				if (matches(offer, body)) {
					matching.add(offer.deepCopy());
				}
			}
		}
		JsonNode sort = body.path("order").path(0);
		if (sort.isArray()) {
			Comparator<ObjectNode> comparator = Comparator
				.comparingDouble((offer) -> offer.path(sort.path(0).asString()).asDouble());
			matching.sort(sort.path(1).asString().equals("desc") ? comparator.reversed() : comparator);
		}
		ObjectNode response = WireJson.object();
		ArrayNode list = response.putArray("offers");
		matching.stream().limit(body.path("limit").asInt(64)).forEach(list::add);
		return json(200, response);
	}

	private static boolean matches(ObjectNode offer, JsonNode query) {
		for (Map.Entry<String, JsonNode> filter : query.properties()) {
			if (!filter.getValue().isObject()) {
				continue;
			}
			JsonNode actual = offer.path(filter.getKey());
			if (filter.getKey().equals("geolocation")) {
				String location = actual.asString();
				actual = WireJson.toTree(location.substring(location.lastIndexOf(',') + 1).trim());
			}
			for (Map.Entry<String, JsonNode> condition : filter.getValue().properties()) {
				JsonNode expected = condition.getValue();
				boolean ok = switch (condition.getKey()) {
					case "eq" -> actual.isMissingNode() ? false : actual.asString().equals(expected.asString());
					case "gte" -> actual.asDouble() >= expected.asDouble();
					case "lte" -> actual.asDouble() <= expected.asDouble();
					case "in" -> {
						boolean any = false;
						for (JsonNode candidate : expected) {
							any |= candidate.asString().equals(actual.asString());
						}
						yield any;
					}
					default -> true;
				};
				if (!ok) {
					return false;
				}
			}
		}
		return true;
	}

	private MockResponse create(String askId, JsonNode body) {
		ObjectNode checked = ((ObjectNode) body).deepCopy();
		JsonNode env = checked.remove("env");
		checked.remove("client_id");
		List<String> violations = OpenApiSchemas.violationsAt("vast-openapi.yaml", CREATE_SCHEMA, checked);
		if (!violations.isEmpty() || (env != null && !env.isObject())) {
			return invalid(String.join("; ", violations));
		}
		ObjectNode offer = this.offers.get(askId);
		if (offer == null || this.takenElsewhere.contains(askId)) {
			return json(404, WireJson.object()
				.put("success", false)
				.put("error", VastTranslator.NO_SUCH_ASK)
				.put("msg", "Instance type by id " + askId + " is not available.")
				.put("ask_id", Long.parseLong(askId)));
		}
		this.offers.remove(askId);
		String id = String.valueOf(this.nextId.incrementAndGet());
		ObjectNode instance = WireJson.object();
		instance.put("id", Long.parseLong(id));
		instance.put("label", body.path("label").asString(null));
		instance.putNull("actual_status");
		instance.put("intended_status", "running");
		instance.put("cur_state", "running");
		instance.put("image_uuid", body.path("image").asString(null));
		instance.put("image_runtype", body.path("runtype").asString("ssh"));
		ArrayNode extraEnv = instance.putArray("extra_env");
		if (env != null) {
			env.properties().forEach((entry) -> extraEnv.addArray().add(entry.getKey()).add(entry.getValue().asString()));
		}
		instance.put("gpu_name", offer.path("gpu_name").asString());
		instance.put("num_gpus", offer.path("num_gpus").asInt());
		instance.put("dph_total", body.has("price") ? body.path("price").asDouble() : offer.path("dph_total").asDouble());
		instance.put("is_bid", body.has("price"));
		instance.put("geolocation", offer.path("geolocation").asString());
		instance.put("disk_space", body.path("disk").asDouble());
		instance.put("start_date", 1_790_000_000.5);
		instance.put("public_ipaddr", PUBLIC_IP + "\n");
		instance.putObject("ports");
		this.instances.put(id, instance);
		return json(200, WireJson.object().put("success", true).put("new_contract", Long.parseLong(id)));
	}

	private static JsonNode read(ObjectNode instance) {
		ObjectNode copy = instance.deepCopy();
		if (instance.path("actual_status").isNull() && instance.path("intended_status").asString().equals("running")) {
			start(instance);
		}
		return copy;
	}

	private static void start(ObjectNode instance) {
		instance.put("actual_status", "running");
		ObjectNode ports = instance.putObject("ports");
		for (JsonNode pair : instance.path("extra_env")) {
			String key = pair.path(0).asString();
			if (key.startsWith("-p ")) {
				int port = Integer.parseInt(key.substring(3).split(":")[0]);
				ports.putArray(port + "/tcp").addObject().put("HostIp", "0.0.0.0").put("HostPort", String.valueOf(40000 + port));
			}
		}
	}

	private MockResponse changeState(ObjectNode instance, JsonNode body) {
		String state = body.path("state").asString();
		if (state.equals("stopped")) {
			instance.put("intended_status", "stopped").put("cur_state", "stopped").put("actual_status", "exited");
			instance.putObject("ports");
		}
		else if (state.equals("running")) {
			instance.put("intended_status", "running").put("cur_state", "running");
			start(instance);
		}
		else {
			return invalid("unknown state " + state);
		}
		return json(200, WireJson.object().put("success", true));
	}

	private MockResponse list(RecordedRequest request) {
		Map<String, String> query = new LinkedHashMap<>();
		String target = request.getTarget();
		if (target.contains("?")) {
			for (String pair : target.substring(target.indexOf('?') + 1).split("&")) {
				String[] parts = pair.split("=", 2);
				query.put(parts[0], URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
			}
		}
		int limit = Integer.parseInt(query.getOrDefault("limit", "25"));
		if (limit > 25) {
			return invalid("limit must be at most 25");
		}
		String label = (query.get("select_filters") != null)
				? WireJson.mapper().readTree(query.get("select_filters")).path("label").path("eq").asString(null) : null;
		long after = Long.parseLong(query.getOrDefault("after_token", "0"));
		List<ObjectNode> all = new ArrayList<>();
		synchronized (this.instances) {
			this.instances.values()
				.stream()
				.filter((instance) -> instance.path("id").asLong() > after)
				.filter((instance) -> label == null || label.equals(instance.path("label").asString(null)))
				.forEach(all::add);
		}
		ObjectNode response = WireJson.object().put("success", true);
		ArrayNode page = response.putArray("instances");
		all.stream().limit(limit).forEach((instance) -> page.add(read(instance)));
		if (all.size() > limit) {
			response.put("next_token", page.get(limit - 1).path("id").asString());
		}
		else {
			response.putNull("next_token");
		}
		return json(200, response);
	}

	private static MockResponse invalid(String message) {
		return json(400, WireJson.object().put("success", false).put("error", "invalid_args").put("msg", message));
	}

	private static MockResponse notFound() {
		return json(404, WireJson.object().put("error", "not_found"));
	}

}
