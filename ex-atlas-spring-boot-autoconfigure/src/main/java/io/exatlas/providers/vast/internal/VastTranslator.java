package io.exatlas.providers.vast.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.exatlas.ErrorKind;
import io.exatlas.ErrorReason;
import io.exatlas.ExAtlasException;
import io.exatlas.compute.CloudType;
import io.exatlas.compute.Compute;
import io.exatlas.compute.ComputeRequest;
import io.exatlas.compute.ComputeStatus;
import io.exatlas.compute.GpuAvailability;
import io.exatlas.compute.GpuCatalog;
import io.exatlas.compute.GpuType;
import io.exatlas.compute.PortBinding;
import io.exatlas.compute.PortProtocol;
import io.exatlas.compute.PortSpec;
import io.exatlas.internal.IgnoredFields;
import io.exatlas.internal.ProviderOptions;
import io.exatlas.internal.WireJson;
import io.exatlas.providers.http.ErrorDecoder;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Pure translation between the portable model and Vast.ai's marketplace API.
 * <p>
 * A spawn is an offer search (the official CLI's default filters plus the request's GPU, count, disk, price
 * ceiling, reliability and countries, cheapest first) followed by renting one offer. {@code env} is sent in the
 * official CLI's object form ({@code {"KEY": "value", "-p 8000:8000": "1"}}), which carries values with spaces and
 * quotes losslessly; Vast's REST reference documents the equivalent Docker-flag string.
 */
public final class VastTranslator {

	/** The provider id. */
	public static final String PROVIDER = "vast";

	/** Vast's error code when an offer was taken or withdrawn (HTTP 404 or 410). */
	public static final String NO_SUCH_ASK = "no_such_ask";

	/** Error responses, with a taken offer as a capacity reason. */
	public static final ErrorDecoder ERROR_DECODER = ErrorDecoder
		.withReasons(Map.of(NO_SUCH_ASK, ErrorReason.INSUFFICIENT_CAPACITY));

	/** Environment variable with a spawn's idempotency token. */
	static final String SPAWN_TOKEN_ENV = "ATLAS_SPAWN_TOKEN";

	/** Environment variable with the requested ports in the {@code 8000/http,22/tcp} form. */
	static final String PORTS_ENV = "ATLAS_PORTS";

	/** Provider options that shape the offer search. */
	static final Set<String> SEARCH_OPTIONS = Set.of("maxPricePerHour", "minReliability", "searchFilters");

	/** Provider options copied into the create body, by option name to wire field. */
	static final Map<String, String> CREATE_OPTIONS = Map.of("runtype", "runtype", "args", "args", "argsStr",
			"args_str", "onstart", "onstart", "imageLogin", "image_login", "cancelUnavailable", "cancel_unavail",
			"targetState", "target_state");

	private static final String DEFAULT_RUNTYPE = "args";

	private final GpuCatalog catalog;

	private final int defaultDiskGb;

	private final IgnoredFields ignored = new IgnoredFields(PROVIDER);

	/**
	 * Create a translator.
	 * @param catalog maps canonical GPU ids to Vast's GPU names
	 * @param defaultDiskGb the disk size when a request sets no {@code containerDiskGb}
	 */
	public VastTranslator(GpuCatalog catalog, int defaultDiskGb) {
		this.catalog = catalog;
		this.defaultDiskGb = defaultDiskGb;
	}

	/**
	 * Translate and validate a spawn request, once: everything Vast would reject is rejected here, before anything
	 * is sent, and request fields Vast has no place for are reported as ignored.
	 * @param request the named request
	 * @return the spec the search and the create bodies are built from
	 * @throws ExAtlasException of kind {@code VALIDATION} for input Vast would reject
	 */
	public VastRentSpec spec(ComputeRequest request) {
		Set<String> accepted = new TreeSet<>(SEARCH_OPTIONS);
		accepted.addAll(CREATE_OPTIONS.keySet());
		accepted.add("bidPrice");
		this.ignored.rejectUnknownOptions(request, accepted, "Vast's offer search and create API");
		if (request.gpu() == null) {
			throw validation("Vast instances need a gpu");
		}
		String gpuName = this.catalog.requireNativeId(request.gpu(), PROVIDER);
		if (request.image() == null && request.templateId() == null) {
			throw validation("a Vast instance needs an image or a templateId (template hash)");
		}
		if (request.volumeGb() != null) {
			this.ignored.ignore("volumeGb", "Vast volumes are created separately; the instance gets containerDiskGb");
		}
		if (request.networkVolumeId() != null) {
			this.ignored.ignore("networkVolumeId", "attach Vast volumes with the 'onstart' or template settings");
		}
		String name = requireName(request);
		Map<String, Object> options = request.providerOptions();
		Map<String, Object> searchFilters = ProviderOptions.object(options, PROVIDER, "searchFilters");
		Map<String, Object> createOptions = new LinkedHashMap<>();
		CREATE_OPTIONS.forEach((option, field) -> {
			Object value = options.get(option);
			if (value != null) {
				createOptions.put(field, value);
			}
		});
		return new VastRentSpec(name, request.gpu(), gpuName, request.gpuCount(),
				(request.containerDiskGb() != null) ? request.containerDiskGb() : this.defaultDiskGb, request.image(),
				request.templateId(), decimalOption(options, "maxPricePerHour"), decimalOption(options, "minReliability"),
				request.regionHints().stream().map((hint) -> hint.toUpperCase(Locale.ROOT)).toList(),
				request.cloudType(), searchFilters, createOptions, request.env(), request.ports(), request.spot(),
				decimalOption(options, "bidPrice"));
	}

	/**
	 * The body of {@code POST /api/v0/bundles/}.
	 * @param spec the validated spec
	 * @param limit how many offers to return
	 * @return the search body
	 */
	public ObjectNode searchBody(VastRentSpec spec, int limit) {
		ObjectNode query = WireJson.object();
		query.putObject("verified").put("eq", true);
		query.putObject("external").put("eq", false);
		query.putObject("rentable").put("eq", true);
		query.putObject("rented").put("eq", false);
		query.putObject("gpu_name").put("eq", spec.gpuName());
		query.putObject("num_gpus").put("eq", spec.gpuCount());
		query.putObject("disk_space").put("gte", spec.diskGb());
		if (spec.maxPricePerHour() != null) {
			query.putObject("dph_total").put("lte", spec.maxPricePerHour());
		}
		if (spec.minReliability() != null) {
			query.putObject("reliability2").put("gte", spec.minReliability());
		}
		if (!spec.countries().isEmpty()) {
			ArrayNode countries = query.putObject("geolocation").putArray("in");
			spec.countries().forEach(countries::add);
		}
		if (spec.cloudType() != CloudType.ANY) {
			query.putObject("datacenter").put("eq", spec.cloudType() == CloudType.SECURE);
		}
		spec.searchFilters().forEach((field, filter) -> query.set(field, WireJson.toTree(filter)));
		query.putArray("order").addArray().add(spec.spot() ? "min_bid" : "dph_total").add("asc");
		query.put("type", spec.spot() ? "bid" : "on-demand");
		query.put("limit", limit);
		query.put("allocated_storage", spec.diskGb());
		return query;
	}

	/**
	 * The body of {@code PUT /api/v0/asks/{offerId}/}.
	 * @param spec the validated spec
	 * @param offer the chosen offer
	 * @param spawnToken the idempotency token, sent in the environment
	 * @return the create body
	 * @throws ExAtlasException of kind {@code VALIDATION} when a spot request has no bid
	 */
	public ObjectNode createBody(VastRentSpec spec, JsonNode offer, String spawnToken) {
		ObjectNode body = WireJson.object();
		body.put("client_id", "me");
		if (spec.image() != null) {
			body.put("image", spec.image());
		}
		if (spec.templateId() != null) {
			body.put("template_hash_id", spec.templateId());
		}
		body.put("disk", spec.diskGb());
		body.put("label", spec.name());
		body.put("runtype", DEFAULT_RUNTYPE);
		spec.createOptions().forEach((field, value) -> body.set(field, WireJson.toTree(value)));
		ObjectNode env = body.putObject("env");
		spec.env().forEach(env::put);
		spec.ports().forEach((port) -> env.put("-p " + port.port() + ":" + port.port(), "1"));
		if (!spec.ports().isEmpty()) {
			env.put(PORTS_ENV, PortSpec.join(spec.ports()));
		}
		env.put(SPAWN_TOKEN_ENV, spawnToken);
		if (spec.spot()) {
			BigDecimal price = (spec.bidPrice() != null) ? spec.bidPrice() : WireJson.decimal(offer, "min_bid");
			if (price == null) {
				throw validation("offer " + WireJson.identifier(offer, "id") + " has no minimum bid; set the 'bidPrice' "
						+ "provider option");
			}
			body.put("price", price);
		}
		return body;
	}

	/**
	 * Whether an instance carries a spawn token in its environment.
	 * @param instance the instance
	 * @param spawnToken the token
	 * @return whether it was created by the spawn that used the token
	 */
	public static boolean hasSpawnToken(JsonNode instance, String spawnToken) {
		return spawnToken.equals(env(instance).get(SPAWN_TOKEN_ENV));
	}

	/**
	 * An instance as a {@link Compute}: each requested port answers on the public IP at the host port Docker mapped
	 * it to ({@code http://ip:hostPort} for HTTP, {@code tcp://ip:hostPort} for TCP).
	 * @param instance the instance
	 * @return the resource
	 */
	public Compute toCompute(JsonNode instance) {
		String id = WireJson.requiredIdentifier(instance, PROVIDER, "instance in Vast's response", "id");
		String ip = WireJson.text(instance, "public_ipaddr");
		ip = (ip != null && !ip.isBlank()) ? ip.trim() : null;
		List<PortSpec> declared = PortSpec.parseAll(env(instance).get(PORTS_ENV));
		if (declared.isEmpty()) {
			instance.path("ports").propertyNames().forEach((key) -> declared.addAll(PortSpec.parseAll(key)));
		}
		List<PortBinding> ports = new ArrayList<>();
		for (PortSpec port : declared) {
			String hostPort = WireJson.text(instance.path("ports").path(port.port() + "/tcp").path(0), "HostPort");
			Integer external = (hostPort != null) ? Integer.valueOf(hostPort.trim()) : null;
			String scheme = (port.protocol() == PortProtocol.HTTP) ? "http://" : "tcp://";
			ports.add(new PortBinding(port.port(), external, port.protocol(),
					(ip != null && external != null) ? scheme + ip + ":" + external : null));
		}
		BigDecimal started = WireJson.decimal(instance, "start_date");
		Integer gpus = WireJson.integer(instance, "num_gpus");
		return Compute.builder(id, PROVIDER)
			.status(status(WireJson.text(instance, "actual_status"), WireJson.text(instance, "intended_status"),
					WireJson.text(instance, "cur_state")))
			.publicIp(ip)
			.ports(ports)
			.gpuType(WireJson.text(instance, "gpu_name"))
			.gpuCount((gpus != null) ? gpus : 0)
			.costPerHour(WireJson.decimal(instance, "dph_total"))
			.region(WireJson.text(instance, "geolocation"))
			.image(WireJson.text(instance, "image_uuid"))
			.name(WireJson.text(instance, "label"))
			.createdAt((started != null) ? Instant.ofEpochMilli(started.movePointRight(3).longValue()) : null)
			.raw(WireJson.toMap(instance))
			.build();
	}

	/**
	 * Vast's container status as the portable status. {@code running} is running; {@code null}, {@code loading}
	 * and {@code created} are provisioning; an instance meant to be stopped (intended status or current state
	 * {@code stopped}) is stopped; {@code exited} while meant to run, {@code offline} and {@code unknown} are failed
	 * (Vast: these never become running; destroy and retry).
	 * @param actualStatus {@code actual_status}
	 * @param intendedStatus {@code intended_status}
	 * @param currentState {@code cur_state}
	 * @return the portable status
	 */
	public static ComputeStatus status(@Nullable String actualStatus, @Nullable String intendedStatus,
			@Nullable String currentState) {
		String actual = (actualStatus != null) ? actualStatus.toLowerCase(Locale.ROOT) : "";
		boolean meantToStop = "stopped".equalsIgnoreCase(intendedStatus) || "stopped".equalsIgnoreCase(currentState);
		if (actual.equals("running") && !meantToStop) {
			return ComputeStatus.RUNNING;
		}
		if (meantToStop && !actual.equals("offline") && !actual.equals("unknown")) {
			return ComputeStatus.STOPPED;
		}
		return switch (actual) {
			case "exited", "offline", "unknown" -> ComputeStatus.FAILED;
			default -> ComputeStatus.PROVISIONING;
		};
	}

	/**
	 * GPU types from an offer search: one per GPU name, the cheapest offer's price per GPU-hour on demand and its
	 * lowest bid, the countries offering it, and availability by offer count (10 or more high, 3 or more medium,
	 * else low).
	 * @param offers the offers
	 * @return the GPU types
	 */
	public List<GpuType> toGpuTypes(List<JsonNode> offers) {
		Map<String, List<JsonNode>> byName = new LinkedHashMap<>();
		for (JsonNode offer : offers) {
			String name = WireJson.text(offer, "gpu_name");
			if (name != null) {
				byName.computeIfAbsent(name, (key) -> new ArrayList<>()).add(offer);
			}
		}
		List<GpuType> types = new ArrayList<>();
		byName.forEach((name, group) -> {
			BigDecimal onDemand = null;
			BigDecimal bid = null;
			Set<String> countries = new TreeSet<>();
			Integer memoryMb = null;
			for (JsonNode offer : group) {
				onDemand = min(onDemand, perGpu(offer, "dph_total"));
				bid = min(bid, perGpu(offer, "min_bid"));
				String location = WireJson.text(offer, "geolocation");
				if (location != null) {
					String[] parts = location.split(",");
					countries.add(parts[parts.length - 1].trim());
				}
				memoryMb = (memoryMb != null) ? memoryMb : WireJson.integer(offer, "gpu_ram");
			}
			GpuAvailability availability = (group.size() >= 10) ? GpuAvailability.HIGH
					: (group.size() >= 3) ? GpuAvailability.MEDIUM : GpuAvailability.LOW;
			types.add(new GpuType(this.catalog.canonicalId(PROVIDER, name).orElse(null), name, PROVIDER, name,
					(memoryMb != null) ? Math.round(memoryMb / 1024f) : null, onDemand, bid, availability,
					List.copyOf(countries), Map.of("offers", group.size())));
		});
		return types;
	}

	/**
	 * The body of the offer search behind {@link #toGpuTypes(List)}: every rentable verified offer, cheapest first.
	 * @param limit how many offers to read
	 * @return the search body
	 */
	public ObjectNode gpuTypesSearchBody(int limit) {
		ObjectNode query = WireJson.object();
		query.putObject("verified").put("eq", true);
		query.putObject("external").put("eq", false);
		query.putObject("rentable").put("eq", true);
		query.putObject("rented").put("eq", false);
		query.putArray("order").addArray().add("dph_total").add("asc");
		query.put("type", "on-demand");
		query.put("limit", limit);
		return query;
	}

	/**
	 * The error when no offer could be rented.
	 * @param request the request
	 * @param tried how many offers were tried (0 when the search found none)
	 * @return the error, of kind {@code PROVIDER} with reason {@code INSUFFICIENT_CAPACITY}
	 */
	public ExAtlasException noCapacity(VastRentSpec spec, int tried) {
		String what = spec.gpuCount() + "x " + spec.gpu() + (spec.spot() ? " (bid)" : "");
		return ExAtlasException.builder(ErrorKind.PROVIDER)
			.provider(PROVIDER)
			.reason(ErrorReason.INSUFFICIENT_CAPACITY)
			.code((tried > 0) ? NO_SUCH_ASK : null)
			.message((tried == 0) ? "no Vast offer matches " + what + "; relax maxPricePerHour, minReliability or "
					+ "regionHints" : "the " + tried + " cheapest offers for " + what + " were taken before they "
							+ "could be rented")
			.build();
	}

	/**
	 * The fields reported as ignored so far.
	 * @return the request field names
	 */
	public Set<String> ignoredFields() {
		return this.ignored.reported();
	}

	private static Map<String, String> env(JsonNode instance) {
		Map<String, String> env = new LinkedHashMap<>();
		JsonNode extra = instance.path("extra_env");
		if (extra.isObject()) {
			return WireJson.stringMap(instance, "extra_env");
		}
		for (JsonNode pair : extra) {
			if (pair.isArray() && pair.size() == 2) {
				env.put(pair.path(0).asString(""), pair.path(1).asString(""));
			}
		}
		return env;
	}

	private static @Nullable BigDecimal perGpu(JsonNode offer, String field) {
		BigDecimal price = WireJson.decimal(offer, field);
		Integer gpus = WireJson.integer(offer, "num_gpus");
		if (price == null || price.signum() <= 0) {
			return null;
		}
		return (gpus != null && gpus > 1) ? price.divide(BigDecimal.valueOf(gpus), 4, RoundingMode.HALF_UP) : price;
	}

	private static @Nullable BigDecimal min(@Nullable BigDecimal current, @Nullable BigDecimal candidate) {
		if (current == null) {
			return candidate;
		}
		return (candidate != null && candidate.compareTo(current) < 0) ? candidate : current;
	}

	private static @Nullable BigDecimal decimalOption(Map<String, Object> options, String option) {
		Object value = options.get(option);
		return (value != null) ? decimal(value, option) : null;
	}

	private static BigDecimal decimal(Object value, String option) {
		try {
			return new BigDecimal(value.toString());
		}
		catch (NumberFormatException ex) {
			throw validation("provider option '" + option + "' must be a number, was " + value);
		}
	}

	private static String requireName(ComputeRequest request) {
		if (request.name() == null) {
			throw validation("Vast instances need a name, used as the label (the facade generates one)");
		}
		return request.name();
	}

	private static ExAtlasException validation(String message) {
		return ExAtlasException.validation(PROVIDER, message);
	}

}
