package io.exatlas.providers.lambda.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
import io.exatlas.compute.Offer;
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
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Pure translation between the portable model and Lambda's Cloud API v1.
 * <p>
 * Lambda rents whole VMs, not containers: an {@code image} becomes a cloud-init {@code user_data} that runs the
 * container with Docker (present on Lambda's default image) with the request's ports and environment. Ports and
 * the image are remembered as instance tags, since Lambda has no port model (every port of the public IP is open,
 * subject to the account's firewall rules).
 */
public final class LambdaLabsTranslator {

	/** The provider id. */
	public static final String PROVIDER = "lambda-labs";

	/** Lambda's error code for a launch without capacity (an HTTP 400). */
	public static final String INSUFFICIENT_CAPACITY_CODE = "instance-operations/launch/insufficient-capacity";

	/** Error responses, with Lambda's capacity and quota codes as reasons. */
	public static final ErrorDecoder ERROR_DECODER = ErrorDecoder.withReasons(Map.of(INSUFFICIENT_CAPACITY_CODE,
			ErrorReason.INSUFFICIENT_CAPACITY, "global/quota-exceeded", ErrorReason.QUOTA_EXCEEDED));

	/** Tag with a spawn's idempotency token. */
	static final String SPAWN_TAG = "atlas-spawn";

	/** Tag with the requested ports in the {@code 8000/http,22/tcp} form. */
	static final String PORTS_TAG = "atlas-ports";

	/** Tag with the container image. */
	static final String IMAGE_TAG = "atlas-image";

	/** Provider options accepted on a launch. */
	static final Set<String> OPTIONS = Set.of("sshKeyNames", "fileSystemNames", "fileSystemMounts", "image",
			"userData", "hostname", "firewallRulesets", "instanceType");

	private static final int TAG_VALUE_LIMIT = 128;

	/** Provider options copied to the launch body, by Lambda's field name, in the body's order. */
	private static final Map<String, String> PASS_THROUGH = orderedMap("fileSystemMounts", "file_system_mounts",
			"hostname", "hostname", "image", "image", "firewallRulesets", "firewall_rulesets");

	private static final Pattern GPU_COUNT = Pattern.compile("_(\\d+)x_");

	private static final Pattern MEMORY = Pattern.compile("(\\d+)\\s*GB", Pattern.CASE_INSENSITIVE);

	private static final YAMLMapper YAML = YAMLMapper.builder().build();

	private final GpuCatalog catalog;

	private final @Nullable String defaultSshKeyName;

	private final IgnoredFields ignored = new IgnoredFields(PROVIDER);

	/**
	 * Create a translator.
	 * @param catalog maps canonical GPU ids to Lambda's one-GPU instance types
	 * @param defaultSshKeyName the SSH key used when a request names none, or {@code null}
	 */
	public LambdaLabsTranslator(GpuCatalog catalog, @Nullable String defaultSshKeyName) {
		this.catalog = catalog;
		this.defaultSshKeyName = defaultSshKeyName;
	}

	/**
	 * Translate and validate a spawn request, once: everything Lambda's launch API would reject is rejected here,
	 * before anything is sent, and request fields Lambda has no place for are reported as ignored.
	 * @param request the named request
	 * @return the spec the launch body is built from
	 * @throws ExAtlasException of kind {@code VALIDATION} for input Lambda would reject, {@code UNSUPPORTED} for spot
	 */
	public LambdaLaunchSpec spec(ComputeRequest request) {
		if (request.spot()) {
			throw ExAtlasException.builder(ErrorKind.UNSUPPORTED)
				.provider(PROVIDER)
				.message("Lambda has no spot or interruptible instances; nothing was sent")
				.build();
		}
		this.ignored.rejectUnknownOptions(request, OPTIONS, "Lambda's launch API");
		if (request.gpu() == null && !request.providerOptions().containsKey("instanceType")) {
			throw validation("Lambda instances need a gpu (or the 'instanceType' provider option)");
		}
		if (request.image() != null && request.providerOptions().containsKey("userData")) {
			throw validation("set either an image (run with Docker by a generated cloud-init) or the 'userData' "
					+ "provider option, not both");
		}
		String sshKeyName = sshKeyNames(request).get(0);
		if (request.cloudType() != CloudType.ANY) {
			this.ignored.ignore("cloudType", "Lambda has a single cloud");
		}
		if (request.volumeGb() != null) {
			this.ignored.ignore("volumeGb", "instance storage is fixed by the instance type; use a file system "
					+ "(networkVolumeId)");
		}
		if (request.containerDiskGb() != null) {
			this.ignored.ignore("containerDiskGb", "instance storage is fixed by the instance type");
		}
		if (request.templateId() != null) {
			this.ignored.ignore("templateId", "Lambda has no templates; use the 'image' provider option for an OS "
					+ "image");
		}
		String name = requireName(request);
		Object explicit = request.providerOptions().get("instanceType");
		String typeName = (explicit != null) ? explicit.toString()
				: GPU_COUNT.matcher(this.catalog.requireNativeId(request.gpu(), PROVIDER))
					.replaceFirst("_" + request.gpuCount() + "x_");
		List<String> fileSystems = new ArrayList<>(strings(request.providerOptions().get("fileSystemNames")));
		if (request.networkVolumeId() != null) {
			fileSystems.add(request.networkVolumeId());
		}
		Map<String, Object> passThrough = new LinkedHashMap<>();
		PASS_THROUGH.forEach((option, field) -> {
			Object value = request.providerOptions().get(option);
			if (value != null) {
				passThrough.put(field, value);
			}
		});
		String userData = (request.image() != null) ? cloudInit(request)
				: ProviderOptions.text(request.providerOptions(), PROVIDER, "userData", "a cloud-init document");
		return new LambdaLaunchSpec(name, typeName, request.regionHints(), sshKeyName, List.copyOf(fileSystems),
				passThrough, userData, request.ports(), request.image());
	}

	/**
	 * The instance type for a request: the catalog's one-GPU type with the GPU count substituted
	 * ({@code gpu_1x_h100_sxm5} for 8 GPUs is {@code gpu_8x_h100_sxm5}), checked against the live listing.
	 * @param spec the validated spec
	 * @param instanceTypes the {@code data} of {@code GET /instance-types}
	 * @return the instance type name
	 * @throws ExAtlasException of kind {@code VALIDATION} when Lambda does not offer it
	 */
	public String instanceTypeName(LambdaLaunchSpec spec, JsonNode instanceTypes) {
		String name = spec.instanceTypeName();
		if (!instanceTypes.has(name)) {
			String family = GPU_COUNT.matcher(name).replaceFirst("_");
			List<String> counts = new ArrayList<>();
			instanceTypes.propertyNames().forEach((type) -> {
				if (GPU_COUNT.matcher(type).replaceFirst("_").equals(family)) {
					counts.add(type);
				}
			});
			throw validation("Lambda offers no instance type " + name
					+ (counts.isEmpty() ? "" : "; offered for this GPU: " + new TreeSet<>(counts)));
		}
		return name;
	}

	/**
	 * The region to launch in: the first region hint with capacity, else (without hints) the first region with
	 * capacity.
	 * @param spec the validated spec
	 * @param instanceType the listing entry of the chosen type
	 * @param typeName the type name (for the message)
	 * @return the region name
	 * @throws ExAtlasException of kind {@code PROVIDER} with reason {@code INSUFFICIENT_CAPACITY} when no acceptable
	 * region has capacity
	 */
	public String region(LambdaLaunchSpec spec, JsonNode instanceType, String typeName) {
		List<String> withCapacity = new ArrayList<>();
		instanceType.path("regions_with_capacity_available").forEach((region) -> {
			String name = WireJson.text(region, "name");
			if (name != null) {
				withCapacity.add(name);
			}
		});
		List<String> candidates = spec.regionHints().isEmpty() ? withCapacity
				: spec.regionHints().stream().filter(withCapacity::contains).toList();
		if (candidates.isEmpty()) {
			throw ExAtlasException.builder(ErrorKind.PROVIDER)
				.provider(PROVIDER)
				.reason(ErrorReason.INSUFFICIENT_CAPACITY)
				.code(INSUFFICIENT_CAPACITY_CODE)
				.message("no capacity for " + typeName
						+ (spec.regionHints().isEmpty() ? "" : " in " + spec.regionHints())
						+ "; regions with capacity now: " + withCapacity + ". Nothing was launched")
				.build();
		}
		return candidates.get(0);
	}

	/**
	 * The body of {@code POST /instance-operations/launch}.
	 * @param spec the validated spec
	 * @param typeName the instance type
	 * @param region the region
	 * @param spawnToken the idempotency token, sent as a tag
	 * @return the body
	 */
	public ObjectNode launchBody(LambdaLaunchSpec spec, String typeName, String region, String spawnToken) {
		ObjectNode body = WireJson.object();
		body.put("region_name", region);
		body.put("instance_type_name", typeName);
		body.putArray("ssh_key_names").add(spec.sshKeyName());
		if (!spec.fileSystemNames().isEmpty()) {
			ArrayNode names = body.putArray("file_system_names");
			spec.fileSystemNames().forEach(names::add);
		}
		spec.passThrough().forEach((field, value) -> body.set(field, WireJson.toTree(value)));
		body.put("name", spec.name());
		if (spec.userData() != null) {
			body.put("user_data", spec.userData());
		}
		ArrayNode tags = body.putArray("tags");
		tags.addObject().put("key", SPAWN_TAG).put("value", spawnToken);
		if (!spec.ports().isEmpty()) {
			tags.addObject().put("key", PORTS_TAG).put("value", PortSpec.join(spec.ports()));
		}
		if (spec.image() != null && spec.image().length() <= TAG_VALUE_LIMIT) {
			tags.addObject().put("key", IMAGE_TAG).put("value", spec.image());
		}
		return body;
	}

	/**
	 * The cloud-init document that runs the request's image with Docker: GPUs passed through, each port published
	 * on the same host port, the environment set, restarted unless stopped. Written with a YAML library, as an
	 * argument list (no shell), so values need no quoting.
	 * @param request the request with an image
	 * @return the {@code #cloud-config} document
	 */
	String cloudInit(ComputeRequest request) {
		List<String> command = new ArrayList<>(List.of("docker", "run", "--detach", "--restart", "unless-stopped",
				"--gpus", "all", "--name", "atlas"));
		request.ports().forEach((port) -> command.addAll(List.of("--publish", port.port() + ":" + port.port())));
		request.env().forEach((name, value) -> command.addAll(List.of("--env", name + "=" + value)));
		command.add(request.image());
		return "#cloud-config\n" + YAML.writeValueAsString(Map.of("runcmd", List.of(command)))
			.replaceFirst("^---\\s*\\n", "");
	}

	/**
	 * Whether an instance carries a spawn token.
	 * @param instance the instance
	 * @param spawnToken the token
	 * @return whether it was launched by the spawn that used the token
	 */
	public static boolean hasSpawnToken(JsonNode instance, String spawnToken) {
		return spawnToken.equals(tag(instance, SPAWN_TAG));
	}

	/**
	 * An instance as a {@link Compute}: HTTP ports answer at {@code http://<ip>:<port>}, TCP ports at
	 * {@code tcp://<ip>:<port>} (Lambda maps no ports; the instance's IP is public).
	 * @param instance the instance
	 * @return the resource
	 */
	public Compute toCompute(JsonNode instance) {
		String id = WireJson.requiredIdentifier(instance, PROVIDER, "instance in Lambda's response", "id");
		String ip = WireJson.text(instance, "ip");
		List<PortBinding> ports = new ArrayList<>();
		for (PortSpec port : PortSpec.parseAll(tag(instance, PORTS_TAG))) {
			String scheme = (port.protocol() == PortProtocol.HTTP) ? "http://" : "tcp://";
			ports.add(new PortBinding(port.port(), port.port(), port.protocol(),
					(ip != null) ? scheme + ip + ":" + port.port() : null));
		}
		JsonNode type = instance.path("instance_type");
		Integer cents = WireJson.integer(type, "price_cents_per_hour");
		Integer gpus = WireJson.integer(type, "specs", "gpus");
		return Compute.builder(id, PROVIDER)
			.status(status(WireJson.text(instance, "status")))
			.publicIp(ip)
			.ports(ports)
			.gpuType(WireJson.text(type, "name"))
			.gpuCount((gpus != null) ? gpus : 0)
			.costPerHour((cents != null) ? BigDecimal.valueOf(cents, 2) : null)
			.region(WireJson.text(instance, "region", "name"))
			.image(tag(instance, IMAGE_TAG))
			.name(WireJson.text(instance, "name"))
			.raw(WireJson.toMap(instance))
			.build();
	}

	/**
	 * Lambda's instance status as the portable status: booting is provisioning, active is running, unhealthy and
	 * preempted are failed, terminating and terminated are terminated.
	 * @param status the wire status
	 * @return the portable status
	 */
	public static ComputeStatus status(@Nullable String status) {
		if (status == null) {
			return ComputeStatus.PROVISIONING;
		}
		return switch (status.toLowerCase(Locale.ROOT)) {
			case "active" -> ComputeStatus.RUNNING;
			case "unhealthy", "preempted" -> ComputeStatus.FAILED;
			case "terminating", "terminated" -> ComputeStatus.TERMINATED;
			default -> ComputeStatus.PROVISIONING;
		};
	}

	/**
	 * The GPU types of the instance-types listing: one per instance type with GPUs, priced per GPU-hour,
	 * {@code HIGH} availability when any region has capacity now, else {@code UNAVAILABLE}.
	 * @param instanceTypes the {@code data} of {@code GET /instance-types}
	 * @return the GPU types
	 */
	public List<GpuType> toGpuTypes(JsonNode instanceTypes) {
		List<GpuType> types = new ArrayList<>();
		instanceTypes.properties().forEach((entry) -> {
			JsonNode type = entry.getValue().path("instance_type");
			Integer gpus = WireJson.integer(type, "specs", "gpus");
			if (gpus == null || gpus < 1) {
				return;
			}
			String name = entry.getKey();
			List<String> regions = new ArrayList<>();
			entry.getValue().path("regions_with_capacity_available").forEach((region) -> {
				if (WireJson.text(region, "name") != null) {
					regions.add(WireJson.text(region, "name"));
				}
			});
			Integer cents = WireJson.integer(type, "price_cents_per_hour");
			BigDecimal perGpu = (cents != null)
					? BigDecimal.valueOf(cents, 2).divide(BigDecimal.valueOf(gpus), 4, RoundingMode.HALF_UP) : null;
			String description = WireJson.text(type, "gpu_description");
			Matcher memory = MEMORY.matcher((description != null) ? description : "");
			types.add(new GpuType(
					this.catalog.canonicalId(PROVIDER, GPU_COUNT.matcher(name).replaceFirst("_1x_")).orElse(null), name,
					PROVIDER, description, memory.find() ? Integer.valueOf(memory.group(1)) : null, perGpu, null,
					regions.isEmpty() ? GpuAvailability.UNAVAILABLE : GpuAvailability.HIGH, regions,
					WireJson.toMap(entry.getValue())));
		});
		return types;
	}

	/**
	 * The offers of the instance types: one per region with capacity, for the type's GPU count only (an instance
	 * type is a fixed shape), or one without a region and {@code UNAVAILABLE} when no region has capacity.
	 * @param instanceTypes the {@code instance-types} map
	 * @return the offers
	 */
	public List<Offer> toOffers(JsonNode instanceTypes) {
		List<Offer> offers = new ArrayList<>();
		for (GpuType type : toGpuTypes(instanceTypes)) {
			Integer gpus = WireJson.integer(instanceTypes.path(type.nativeId()).path("instance_type"), "specs", "gpus");
			if (type.regions().isEmpty()) {
				offers.add(new Offer(PROVIDER, type.canonicalId(), type.nativeId(), gpus, null, CloudType.ANY, false,
						type.onDemandPricePerHour(), GpuAvailability.UNAVAILABLE, null));
			}
			for (String region : type.regions()) {
				offers.add(new Offer(PROVIDER, type.canonicalId(), type.nativeId(), gpus, region, CloudType.ANY, false,
						type.onDemandPricePerHour(), GpuAvailability.HIGH, null));
			}
		}
		return offers;
	}

	/**
	 * The fields reported as ignored so far.
	 * @return the request field names
	 */
	public Set<String> ignoredFields() {
		return this.ignored.reported();
	}

	private List<String> sshKeyNames(ComputeRequest request) {
		Object option = request.providerOptions().get("sshKeyNames");
		List<String> names = (option != null) ? strings(option)
				: (this.defaultSshKeyName != null) ? List.of(this.defaultSshKeyName) : List.of();
		if (names.size() != 1) {
			throw validation("Lambda needs exactly one SSH key name: set exatlas.providers.lambda-labs.ssh-key-name "
					+ "or the 'sshKeyNames' provider option" + (names.isEmpty() ? "" : " (was " + names + ")"));
		}
		return names;
	}

	private static Map<String, String> orderedMap(String... pairs) {
		Map<String, String> map = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			map.put(pairs[i], pairs[i + 1]);
		}
		return map;
	}

	private static List<String> strings(@Nullable Object value) {
		if (value == null) {
			return List.of();
		}
		if (value instanceof Collection<?> values) {
			return values.stream().map(String::valueOf).toList();
		}
		return List.of(value.toString());
	}

	private static @Nullable String tag(JsonNode instance, String key) {
		for (JsonNode tag : instance.path("tags")) {
			if (key.equals(WireJson.text(tag, "key"))) {
				return WireJson.text(tag, "value");
			}
		}
		return null;
	}

	private static String requireName(ComputeRequest request) {
		if (request.name() == null) {
			throw validation("Lambda instances need a name (the facade generates one)");
		}
		return request.name();
	}

	private static ExAtlasException validation(String message) {
		return ExAtlasException.validation(PROVIDER, message);
	}

}
