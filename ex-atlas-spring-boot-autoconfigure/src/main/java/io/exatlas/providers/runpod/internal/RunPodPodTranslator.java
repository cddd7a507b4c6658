package io.exatlas.providers.runpod.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.exatlas.compute.CloudType;
import io.exatlas.compute.Compute;
import io.exatlas.compute.ComputeRequest;
import io.exatlas.compute.ComputeStatus;
import io.exatlas.compute.GpuCatalog;
import io.exatlas.compute.PortBinding;
import io.exatlas.compute.PortProtocol;
import io.exatlas.internal.IgnoredFields;
import io.exatlas.internal.WireJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static io.exatlas.providers.runpod.internal.RunPodWire.firstNonNull;
import static io.exatlas.providers.runpod.internal.RunPodWire.firstText;
import static io.exatlas.providers.runpod.internal.RunPodWire.validation;

/**
 * RunPod pods on the wire: a request is translated once into a validated {@link RunPodPodSpec} (everything RunPod
 * would reject is a {@code VALIDATION} error here, before anything is sent), the REST v2 create body is built from
 * the spec, and pods in the REST v2 or the v1/GraphQL shape are read back as {@link Compute}s. Where RunPod's
 * official v2 schema and the reference library differ, the schema wins: {@code env} is an object, {@code cloud} is
 * omitted for "any", disk and volumes are {@code disk} and {@code mounts}.
 */
public final class RunPodPodTranslator {

	/** The provider id. */
	public static final String PROVIDER = "runpod";

	/**
	 * The environment variable that carries a spawn's idempotency token: after an ambiguous create failure the pod
	 * is looked up by it before anything is re-sent.
	 */
	public static final String SPAWN_TOKEN_ENV = "ATLAS_SPAWN_TOKEN";

	/** Provider options accepted on a REST create (everything else in the body is derived from the request). */
	static final Set<String> REST_OPTIONS = Set.of("args", "registry", "cpu", "globalNetworking", "mounts",
			"startJupyter", "startSsh", "allowedCudaVersions", "minCudaVersion");

	/** Provider options accepted on a spot (GraphQL {@code podRentInterruptable}) create. */
	static final Set<String> SPOT_OPTIONS = Set.of("bidPerGpu", "startSsh", "startJupyter", "supportPublicIp",
			"minMemoryInGb", "minVcpuCount", "dockerArgs", "terminateAfter", "stopAfter", "countryCode",
			"allowedCudaVersions", "minDownload", "minUpload", "cudaVersion", "volumeKey", "volumeMountPath");

	private static final Set<String> GPU_OPTIONS = Set.of("allowedCudaVersions", "minCudaVersion");

	private final GpuCatalog catalog;

	private final IgnoredFields ignored = new IgnoredFields(PROVIDER);

	private final String volumeMountPath;

	private final String networkVolumeMountPath;

	/**
	 * Create the translator.
	 * @param catalog maps canonical GPU ids to RunPod's ids
	 * @param volumeMountPath where a persistent volume is mounted (RunPod's default {@code /workspace})
	 * @param networkVolumeMountPath where a network volume is mounted (RunPod's serverless default
	 * {@code /runpod-volume})
	 */
	public RunPodPodTranslator(GpuCatalog catalog, String volumeMountPath, String networkVolumeMountPath) {
		this.catalog = catalog;
		this.volumeMountPath = volumeMountPath;
		this.networkVolumeMountPath = networkVolumeMountPath;
	}

	/**
	 * Translate and validate a spawn request, once: for the REST create, or for the GraphQL spot rent when the
	 * request asks for spot.
	 * @param request the request (named; the facade names every request)
	 * @return the spec both wire bodies are built from
	 * @throws io.exatlas.ExAtlasException of kind {@code VALIDATION} for input RunPod would reject
	 */
	public RunPodPodSpec spec(ComputeRequest request) {
		Map<String, Object> options = request.providerOptions();
		BigDecimal bid = null;
		String gpuTypeId;
		if (request.spot()) {
			this.ignored.rejectUnknownOptions(request, SPOT_OPTIONS,
					"RunPod's spot-pod API (GraphQL podRentInterruptable)");
			if (request.gpu() == null) {
				throw validation("a spot pod needs a gpu");
			}
			gpuTypeId = this.catalog.requireNativeId(request.gpu(), PROVIDER);
			bid = bid(options.get("bidPerGpu"));
		}
		else {
			this.ignored.rejectUnknownOptions(request, REST_OPTIONS, "RunPod's create-pod API (REST v2)");
			gpuTypeId = null;
		}
		String name = requireName(request);
		if (request.image() == null && request.templateId() == null) {
			throw validation("a pod needs an image or a templateId");
		}
		if (!request.spot()) {
			boolean cpuPod = options.containsKey("cpu");
			if (request.gpu() != null) {
				if (cpuPod) {
					throw validation("set either a gpu or the 'cpu' provider option, not both");
				}
				gpuTypeId = this.catalog.requireNativeId(request.gpu(), PROVIDER);
			}
			else if (!cpuPod) {
				throw validation("a pod needs a gpu, or the 'cpu' provider option ({\"id\": \"cpu5c\", "
						+ "\"vcpuCount\": 2}) for a CPU pod");
			}
			validateMounts(request);
		}
		return new RunPodPodSpec(name, request.image(), request.templateId(), gpuTypeId, request.gpuCount(),
				request.cloudType(), request.regionHints(), request.containerDiskGb(), request.volumeGb(),
				request.networkVolumeId(), request.env(), request.ports(), options, request.spot(), bid);
	}

	/**
	 * The body of {@code POST /v2/pods} ({@code CreatePodRequest}).
	 * @param spec the validated spec
	 * @param spawnToken the idempotency token added to the pod's environment
	 * @return the body
	 */
	public ObjectNode createBody(RunPodPodSpec spec, String spawnToken) {
		ObjectNode body = WireJson.object();
		body.put("name", spec.name());
		if (spec.image() != null) {
			body.put("image", spec.image());
		}
		if (spec.gpuTypeId() != null) {
			ObjectNode gpu = body.putObject("gpu");
			gpu.put("id", spec.gpuTypeId());
			gpu.put("count", spec.gpuCount());
			GPU_OPTIONS.stream()
				.filter(spec.options()::containsKey)
				.forEach((key) -> gpu.set(key, WireJson.toTree(spec.options().get(key))));
		}
		if (spec.cloudType() != CloudType.ANY) {
			body.put("cloud", spec.cloudType().name());
		}
		if (!spec.dataCenterIds().isEmpty()) {
			ArrayNode dataCenters = body.putArray("dataCenterIds");
			spec.dataCenterIds().forEach(dataCenters::add);
		}
		if (spec.containerDiskGb() != null) {
			body.put("disk", spec.containerDiskGb());
		}
		ObjectNode env = body.putObject("env");
		spec.env().forEach(env::put);
		env.put(SPAWN_TOKEN_ENV, spawnToken);
		if (!spec.ports().isEmpty()) {
			ArrayNode ports = body.putArray("ports");
			spec.ports().forEach((port) -> ports.add(port.toString()));
		}
		ObjectNode mounts = mounts(spec);
		if (mounts != null) {
			body.set("mounts", mounts);
		}
		if (spec.templateId() != null) {
			body.put("templateId", spec.templateId());
		}
		spec.options().forEach((key, value) -> {
			if (!GPU_OPTIONS.contains(key)) {
				body.set(key, WireJson.toTree(value));
			}
		});
		return body;
	}

	/**
	 * A pod (REST v2, or the v1/GraphQL shape) as a {@link Compute}.
	 * @param pod the pod
	 * @return the resource
	 */
	public Compute toCompute(JsonNode pod) {
		String id = WireJson.requiredIdentifier(pod, PROVIDER, "pod in RunPod's response", "id", "podId");
		String publicIp = null;
		Map<Integer, JsonNode> runtimePorts = new LinkedHashMap<>();
		for (JsonNode port : pod.path("runtime").path("ports")) {
			Integer privatePort = WireJson.integer(port, "private");
			if (privatePort != null) {
				runtimePorts.put(privatePort, port);
			}
			if (publicIp == null && WireJson.text(port, "ip") != null) {
				publicIp = WireJson.text(port, "ip");
			}
		}
		if (publicIp == null) {
			publicIp = firstText(pod, "publicIp");
		}
		List<PortBinding> ports = new ArrayList<>();
		for (String declared : declaredPorts(pod)) {
			PortBinding binding = binding(id, declared, runtimePorts, publicIp);
			if (binding != null) {
				ports.add(binding);
			}
		}
		JsonNode gpu = pod.path("gpu");
		String gpuType = firstNonNull(WireJson.text(gpu, "id"), WireJson.text(pod, "gpuTypeId"),
				WireJson.text(pod, "machine", "gpuTypeId"));
		Integer gpuCount = firstNonNull(WireJson.integer(gpu, "count"), WireJson.integer(pod, "gpuCount"));
		return Compute.builder(id, PROVIDER)
			.status(status(firstText(pod, "status", "desiredStatus")))
			.publicIp(publicIp)
			.ports(ports)
			.gpuType(gpuType)
			.gpuCount((gpuCount != null) ? gpuCount : ((gpuType != null) ? 1 : 0))
			.costPerHour(firstNonNull(WireJson.decimal(pod, "cost"), WireJson.decimal(pod, "costPerHr"),
					WireJson.decimal(pod, "adjustedCostPerHr")))
			.region(firstNonNull(WireJson.text(pod, "dataCenterId"), WireJson.text(pod, "machine", "dataCenterId")))
			.image(firstText(pod, "image", "imageName"))
			.name(WireJson.text(pod, "name"))
			.createdAt(WireJson.instant(pod, "createdAt"))
			.raw(WireJson.toMap(pod))
			.build();
	}

	/**
	 * RunPod's pod status as the portable status: PROVISIONING and STARTING are provisioning, EXITED is stopped,
	 * ERROR is failed.
	 * @param status the wire status ({@code status} in v2, {@code desiredStatus} in v1 and GraphQL)
	 * @return the portable status
	 */
	public static ComputeStatus status(@Nullable String status) {
		if (status == null) {
			return ComputeStatus.PROVISIONING;
		}
		return switch (status.toUpperCase(Locale.ROOT)) {
			case "RUNNING" -> ComputeStatus.RUNNING;
			case "EXITED" -> ComputeStatus.STOPPED;
			case "TERMINATED" -> ComputeStatus.TERMINATED;
			case "ERROR", "FAILED" -> ComputeStatus.FAILED;
			default -> ComputeStatus.PROVISIONING;
		};
	}

	/**
	 * Whether a pod carries the given spawn token in its environment.
	 * @param pod the pod
	 * @param spawnToken the token
	 * @return whether it was created by the spawn that used the token
	 */
	public static boolean hasSpawnToken(JsonNode pod, String spawnToken) {
		JsonNode env = pod.path("env");
		if (env.isObject()) {
			return spawnToken.equals(WireJson.text(env, SPAWN_TOKEN_ENV));
		}
		for (JsonNode entry : env) {
			if (entry.isString() && entry.asString().equals(SPAWN_TOKEN_ENV + "=" + spawnToken)) {
				return true;
			}
			if (SPAWN_TOKEN_ENV.equals(WireJson.text(entry, "key")) && spawnToken.equals(WireJson.text(entry, "value"))) {
				return true;
			}
		}
		return false;
	}

	private void validateMounts(ComputeRequest request) {
		boolean persistent = request.volumeGb() != null && request.volumeGb() > 0;
		if (persistent && request.networkVolumeId() != null) {
			throw validation("RunPod pods take either a persistent volume (volumeGb) or a network volume, not both");
		}
		if (request.providerOptions().containsKey("mounts") && (persistent || request.networkVolumeId() != null)) {
			throw validation("the 'mounts' provider option replaces volumeGb and networkVolumeId; set one or the other");
		}
		if (persistent && request.volumeGb() < 10) {
			throw validation("RunPod persistent volumes are at least 10 GB, was " + request.volumeGb());
		}
	}

	private @Nullable ObjectNode mounts(RunPodPodSpec spec) {
		if (spec.volumeGb() != null && spec.volumeGb() > 0) {
			ObjectNode mounts = WireJson.object();
			mounts.putObject("persistent").put("size", spec.volumeGb()).put("path", this.volumeMountPath);
			return mounts;
		}
		if (spec.networkVolumeId() != null) {
			ObjectNode mounts = WireJson.object();
			mounts.putArray("network")
				.addObject()
				.put("volumeId", spec.networkVolumeId())
				.put("path", this.networkVolumeMountPath);
			return mounts;
		}
		return null;
	}

	private static @Nullable PortBinding binding(String podId, String declared, Map<Integer, JsonNode> runtimePorts,
			@Nullable String publicIp) {
		String[] parts = declared.trim().split("/", 2);
		int port;
		try {
			port = Integer.parseInt(parts[0].trim());
		}
		catch (NumberFormatException ex) {
			return null;
		}
		String type = (parts.length > 1) ? parts[1].trim().toLowerCase(Locale.ROOT) : "tcp";
		if (type.equals("http") || type.equals("https")) {
			return new PortBinding(port, null, PortProtocol.HTTP, "https://" + podId + "-" + port + ".proxy.runpod.net");
		}
		JsonNode runtime = runtimePorts.get(port);
		Integer external = (runtime != null) ? WireJson.integer(runtime, "public") : null;
		String ip = (runtime != null && WireJson.text(runtime, "ip") != null) ? WireJson.text(runtime, "ip") : publicIp;
		String url = (external != null && ip != null) ? "tcp://" + ip + ":" + external : null;
		return new PortBinding(port, external, PortProtocol.TCP, url);
	}

	private static List<String> declaredPorts(JsonNode pod) {
		JsonNode ports = pod.path("ports");
		if (ports.isString()) {
			return List.of(ports.asString().split(","));
		}
		return WireJson.strings(pod, "ports");
	}

	private static String requireName(ComputeRequest request) {
		if (request.name() == null) {
			throw validation("RunPod pods need a name (the facade generates one)");
		}
		return request.name();
	}

	private static @Nullable BigDecimal bid(@Nullable Object value) {
		if (value == null) {
			return null;
		}
		try {
			return new BigDecimal(value.toString().trim());
		}
		catch (NumberFormatException ex) {
			throw validation("the 'bidPerGpu' provider option must be a number (a price per GPU-hour)");
		}
	}

}
