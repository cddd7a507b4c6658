package io.exatlas.providers.runpod;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.exatlas.ExAtlasException;
import io.exatlas.compute.CloudType;
import io.exatlas.compute.Compute;
import io.exatlas.compute.ComputeRequest;
import io.exatlas.compute.ComputeStatus;
import io.exatlas.compute.GpuAvailability;
import io.exatlas.compute.GpuCatalog;
import io.exatlas.compute.GpuType;
import io.exatlas.compute.Job;
import io.exatlas.compute.JobOutput;
import io.exatlas.compute.JobRequest;
import io.exatlas.compute.JobStatus;
import io.exatlas.compute.PortBinding;
import io.exatlas.compute.PortProtocol;
import io.exatlas.compute.PortSpec;
import io.exatlas.internal.IgnoredFields;
import io.exatlas.internal.WireJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Pure translation between the portable model and RunPod's wire shapes (REST v2, serverless runtime, GraphQL).
 * Where RunPod's official v2 schema and the reference library differ, the schema wins: {@code env} is an object,
 * {@code cloud} is omitted for "any", disk and volumes are {@code disk} and {@code mounts}, and unknown fields are
 * rejected here (as a {@code VALIDATION} error) instead of by RunPod.
 */
public final class RunPodTranslator {

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
	 * Create a translator.
	 * @param catalog maps canonical GPU ids to RunPod's ids
	 * @param volumeMountPath where a persistent volume is mounted (RunPod's default {@code /workspace})
	 * @param networkVolumeMountPath where a network volume is mounted (RunPod's serverless default
	 * {@code /runpod-volume})
	 */
	public RunPodTranslator(GpuCatalog catalog, String volumeMountPath, String networkVolumeMountPath) {
		this.catalog = catalog;
		this.volumeMountPath = volumeMountPath;
		this.networkVolumeMountPath = networkVolumeMountPath;
	}

	/**
	 * The body of {@code POST /v2/pods} ({@code CreatePodRequest}).
	 * @param request the request (named; the facade names every request)
	 * @param spawnToken the idempotency token added to the pod's environment
	 * @return the body
	 * @throws ExAtlasException of kind {@code VALIDATION} for input RunPod would reject
	 */
	public ObjectNode createPodBody(ComputeRequest request, String spawnToken) {
		this.ignored.rejectUnknownOptions(request, REST_OPTIONS, "RunPod's create-pod API (REST v2)");
		ObjectNode body = WireJson.object();
		body.put("name", requireName(request));
		if (request.image() != null) {
			body.put("image", request.image());
		}
		else if (request.templateId() == null) {
			throw validation("a pod needs an image or a templateId");
		}
		boolean cpuPod = request.providerOptions().containsKey("cpu");
		if (request.gpu() != null) {
			if (cpuPod) {
				throw validation("set either a gpu or the 'cpu' provider option, not both");
			}
			ObjectNode gpu = body.putObject("gpu");
			gpu.put("id", this.catalog.requireNativeId(request.gpu(), PROVIDER));
			gpu.put("count", request.gpuCount());
			GPU_OPTIONS.stream()
				.filter(request.providerOptions()::containsKey)
				.forEach((key) -> gpu.set(key, WireJson.toTree(request.providerOptions().get(key))));
		}
		else if (!cpuPod) {
			throw validation("a pod needs a gpu, or the 'cpu' provider option ({\"id\": \"cpu5c\", \"vcpuCount\": 2}) "
					+ "for a CPU pod");
		}
		if (request.cloudType() != CloudType.ANY) {
			body.put("cloud", request.cloudType().name());
		}
		if (!request.regionHints().isEmpty()) {
			ArrayNode dataCenters = body.putArray("dataCenterIds");
			request.regionHints().forEach(dataCenters::add);
		}
		if (request.containerDiskGb() != null) {
			body.put("disk", request.containerDiskGb());
		}
		ObjectNode env = body.putObject("env");
		request.env().forEach(env::put);
		env.put(SPAWN_TOKEN_ENV, spawnToken);
		if (!request.ports().isEmpty()) {
			ArrayNode ports = body.putArray("ports");
			request.ports().forEach((port) -> ports.add(port.toString()));
		}
		ObjectNode mounts = mounts(request);
		if (mounts != null) {
			body.set("mounts", mounts);
		}
		if (request.templateId() != null) {
			body.put("templateId", request.templateId());
		}
		request.providerOptions().forEach((key, value) -> {
			if (!GPU_OPTIONS.contains(key)) {
				body.set(key, WireJson.toTree(value));
			}
		});
		return body;
	}

	/**
	 * Check a spot request before anything is sent (provider options, GPU).
	 * @param request the request
	 * @return RunPod's GPU type id for it
	 * @throws ExAtlasException of kind {@code VALIDATION} for input the spot API would reject
	 */
	public String validateSpot(ComputeRequest request) {
		this.ignored.rejectUnknownOptions(request, SPOT_OPTIONS, "RunPod's spot-pod API (GraphQL podRentInterruptable)");
		return gpuTypeId(request);
	}

	/**
	 * RunPod's GPU type id for a request's canonical GPU.
	 * @param request the request
	 * @return the GPU type id
	 * @throws ExAtlasException of kind {@code VALIDATION} when the request has no GPU or RunPod does not offer it
	 */
	public String gpuTypeId(ComputeRequest request) {
		if (request.gpu() == null) {
			throw validation("a spot pod needs a gpu");
		}
		return this.catalog.requireNativeId(request.gpu(), PROVIDER);
	}

	/**
	 * The {@code input} of the GraphQL {@code podRentInterruptable} mutation (spot pods, which REST v2 lacks).
	 * @param request the request
	 * @param spawnToken the idempotency token added to the pod's environment
	 * @param bidPerGpu the bid in USD per GPU-hour
	 * @return the input object
	 */
	public ObjectNode spotPodInput(ComputeRequest request, String spawnToken, BigDecimal bidPerGpu) {
		String gpuTypeId = validateSpot(request);
		ObjectNode input = WireJson.object();
		input.put("name", requireName(request));
		if (request.image() != null) {
			input.put("imageName", request.image());
		}
		else if (request.templateId() == null) {
			throw validation("a pod needs an image or a templateId");
		}
		input.put("gpuTypeId", gpuTypeId);
		input.put("gpuCount", request.gpuCount());
		input.put("bidPerGpu", bidPerGpu);
		input.put("cloudType", (request.cloudType() == CloudType.ANY) ? "ALL" : request.cloudType().name());
		input.put("volumeInGb", (request.volumeGb() != null) ? request.volumeGb() : 0);
		if (request.containerDiskGb() != null) {
			input.put("containerDiskInGb", request.containerDiskGb());
		}
		input.put("volumeMountPath", this.volumeMountPath);
		if (!request.ports().isEmpty()) {
			input.put("ports", String.join(",", request.ports().stream().map(PortSpec::toString).toList()));
		}
		ArrayNode env = input.putArray("env");
		request.env().forEach((name, value) -> env.addObject().put("key", name).put("value", value));
		env.addObject().put("key", SPAWN_TOKEN_ENV).put("value", spawnToken);
		if (!request.regionHints().isEmpty()) {
			input.put("dataCenterId", request.regionHints().get(0));
		}
		if (request.networkVolumeId() != null) {
			input.put("networkVolumeId", request.networkVolumeId());
		}
		if (request.templateId() != null) {
			input.put("templateId", request.templateId());
		}
		request.providerOptions().forEach((key, value) -> {
			if (!key.equals("bidPerGpu")) {
				input.set(key, WireJson.toTree(value));
			}
		});
		return input;
	}

	/**
	 * A pod (REST v2, or the v1/GraphQL shape) as a {@link Compute}.
	 * @param pod the pod
	 * @return the resource
	 */
	public Compute toCompute(JsonNode pod) {
		String id = firstText(pod, "id", "podId");
		if (id == null) {
			throw ExAtlasException.builder(io.exatlas.ErrorKind.PROVIDER)
				.provider(PROVIDER)
				.message("pod without an id in RunPod's response")
				.build();
		}
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

	/**
	 * The body of {@code /run} and {@code /runsync}: {@code input}, {@code webhook} and {@code policy} when set,
	 * then the provider options (e.g. {@code s3Config}).
	 * @param request the job
	 * @return the body
	 */
	public ObjectNode jobBody(JobRequest request) {
		ObjectNode body = WireJson.object();
		body.set("input", WireJson.toTree(request.input()));
		if (request.webhook() != null) {
			body.put("webhook", request.webhook());
		}
		if (!request.policy().isEmpty()) {
			body.set("policy", WireJson.toTree(request.policy()));
		}
		request.providerOptions().forEach((key, value) -> body.set(key, WireJson.toTree(value)));
		return body;
	}

	/**
	 * A runtime job response as a {@link Job}.
	 * @param endpoint the endpoint it runs on
	 * @param job the response
	 * @return the job
	 */
	public Job toJob(String endpoint, JsonNode job) {
		String id = WireJson.text(job, "id");
		if (id == null) {
			throw ExAtlasException.builder(io.exatlas.ErrorKind.PROVIDER)
				.provider(PROVIDER)
				.message("job without an id in RunPod's response")
				.build();
		}
		Integer execution = WireJson.integer(job, "executionTime");
		Integer delay = WireJson.integer(job, "delayTime");
		return new Job(id, PROVIDER, endpoint, jobStatus(WireJson.text(job, "status")), WireJson.toValue(job.path("output")),
				WireJson.toValue(job.path("error")), (execution != null) ? Duration.ofMillis(execution) : null,
				(delay != null) ? Duration.ofMillis(delay) : null, null, WireJson.toMap(job));
	}

	/**
	 * RunPod's job status as the portable status ({@code RUNNING} is in progress).
	 * @param status the wire status
	 * @return the portable status
	 */
	public static JobStatus jobStatus(@Nullable String status) {
		if (status == null) {
			return JobStatus.IN_QUEUE;
		}
		return switch (status.toUpperCase(Locale.ROOT)) {
			case "IN_PROGRESS", "RUNNING" -> JobStatus.IN_PROGRESS;
			case "COMPLETED" -> JobStatus.COMPLETED;
			case "FAILED" -> JobStatus.FAILED;
			case "CANCELLED" -> JobStatus.CANCELLED;
			case "TIMED_OUT" -> JobStatus.TIMED_OUT;
			default -> JobStatus.IN_QUEUE;
		};
	}

	/**
	 * The output chunks of a {@code /stream} response ({@code {"status", "stream": [..]}} or a bare array).
	 * @param response the response
	 * @return the chunks
	 */
	public static List<JobOutput> streamChunks(JsonNode response) {
		JsonNode stream = response.isArray() ? response : response.path("stream");
		List<JobOutput> chunks = new ArrayList<>();
		for (JsonNode chunk : stream) {
			Object output = chunk.has("output") ? WireJson.toValue(chunk.path("output")) : WireJson.toValue(chunk);
			chunks.add(new JobOutput(output, WireJson.toMap(chunk)));
		}
		return chunks;
	}

	/**
	 * An entry of the GraphQL {@code gpuTypes} query as a {@link GpuType}; {@code null} for RunPod's pseudo type
	 * {@code unknown}.
	 * @param gpu the entry
	 * @return the GPU type
	 */
	public @Nullable GpuType toGpuType(JsonNode gpu) {
		String id = WireJson.text(gpu, "id");
		if (id == null || id.equalsIgnoreCase("unknown")) {
			return null;
		}
		JsonNode lowest = gpu.path("lowestPrice");
		BigDecimal onDemand = firstNonNull(WireJson.decimal(lowest, "uninterruptablePrice"),
				min(WireJson.decimal(gpu, "securePrice"), WireJson.decimal(gpu, "communityPrice")));
		BigDecimal spot = firstNonNull(WireJson.decimal(lowest, "minimumBidPrice"),
				min(WireJson.decimal(gpu, "secureSpotPrice"), WireJson.decimal(gpu, "communitySpotPrice")));
		return new GpuType(this.catalog.canonicalId(PROVIDER, id).orElse(null), id, PROVIDER,
				WireJson.text(gpu, "displayName"), WireJson.integer(gpu, "memoryInGb"), positive(onDemand),
				positive(spot), availability(firstNonNull(WireJson.text(lowest, "stockStatus"),
						WireJson.text(gpu, "stockStatus"))),
				List.of(), WireJson.toMap(gpu));
	}

	/**
	 * RunPod's stock status as availability ({@code null} means none reported).
	 * @param stock the wire value
	 * @return the availability
	 */
	static GpuAvailability availability(@Nullable String stock) {
		if (stock == null) {
			return GpuAvailability.UNKNOWN;
		}
		return switch (stock.toUpperCase(Locale.ROOT)) {
			case "HIGH" -> GpuAvailability.HIGH;
			case "MEDIUM" -> GpuAvailability.MEDIUM;
			case "LOW" -> GpuAvailability.LOW;
			case "OUT", "NONE", "UNAVAILABLE" -> GpuAvailability.UNAVAILABLE;
			default -> GpuAvailability.UNKNOWN;
		};
	}

	private @Nullable ObjectNode mounts(ComputeRequest request) {
		boolean persistent = request.volumeGb() != null && request.volumeGb() > 0;
		if (persistent && request.networkVolumeId() != null) {
			throw validation("RunPod pods take either a persistent volume (volumeGb) or a network volume, not both");
		}
		if (request.providerOptions().containsKey("mounts") && (persistent || request.networkVolumeId() != null)) {
			throw validation("the 'mounts' provider option replaces volumeGb and networkVolumeId; set one or the other");
		}
		if (persistent) {
			if (request.volumeGb() < 10) {
				throw validation("RunPod persistent volumes are at least 10 GB, was " + request.volumeGb());
			}
			ObjectNode mounts = WireJson.object();
			mounts.putObject("persistent").put("size", request.volumeGb()).put("path", this.volumeMountPath);
			return mounts;
		}
		if (request.networkVolumeId() != null) {
			ObjectNode mounts = WireJson.object();
			mounts.putArray("network")
				.addObject()
				.put("volumeId", request.networkVolumeId())
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

	private static @Nullable String firstText(JsonNode node, String... fields) {
		for (String field : fields) {
			String value = WireJson.text(node, field);
			if (value != null) {
				return value;
			}
		}
		return null;
	}

	@SafeVarargs
	private static <T> @Nullable T firstNonNull(@Nullable T... values) {
		for (T value : values) {
			if (value != null) {
				return value;
			}
		}
		return null;
	}

	private static @Nullable BigDecimal min(@Nullable BigDecimal a, @Nullable BigDecimal b) {
		BigDecimal positiveA = positive(a);
		BigDecimal positiveB = positive(b);
		if (positiveA == null) {
			return positiveB;
		}
		return (positiveB == null || positiveA.compareTo(positiveB) <= 0) ? positiveA : positiveB;
	}

	private static @Nullable BigDecimal positive(@Nullable BigDecimal value) {
		return (value != null && value.signum() > 0) ? value : null;
	}

	private static ExAtlasException validation(String message) {
		return ExAtlasException.validation(PROVIDER, message);
	}

}
