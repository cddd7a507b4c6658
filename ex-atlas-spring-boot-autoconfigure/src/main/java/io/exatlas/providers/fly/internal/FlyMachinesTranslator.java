package io.exatlas.providers.fly.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.exatlas.ErrorKind;
import io.exatlas.ErrorReason;
import io.exatlas.ExAtlasException;
import io.exatlas.compute.CloudType;
import io.exatlas.compute.Compute;
import io.exatlas.compute.ComputeRequest;
import io.exatlas.compute.ComputeStatus;
import io.exatlas.compute.PortBinding;
import io.exatlas.compute.PortProtocol;
import io.exatlas.compute.PortSpec;
import io.exatlas.internal.IgnoredFields;
import io.exatlas.internal.WireJson;
import io.exatlas.providers.http.DecodedError;
import io.exatlas.providers.http.ErrorDecoder;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Pure translation between the portable model and Fly's Machines API.
 * <p>
 * Fly withdrew GPU machines after 2026-08-01, so this provider manages CPU machines: a request with a GPU (or
 * {@code spot}) is {@code UNSUPPORTED} before anything is sent. HTTP ports become Fly services behind Fly's
 * TLS-terminating proxy (the first on 443, with 80 redirecting to it; others on their own port), TCP ports are
 * passed through on the same port. Every machine of an app shares the app's hostname
 * ({@code https://<app>.fly.dev}); to reach one machine, send the header {@code fly-force-instance-id: <machine id>}.
 * <p>
 * Machines of the configured default app have the machine id as their {@link Compute#id()}; machines of another
 * app (the {@code app} provider option) have {@code <app>:<machine id>}.
 */
public final class FlyMachinesTranslator {

	/** The provider id. */
	public static final String PROVIDER = "fly";

	/** Error responses, with Fly's {@code insufficient_capacity} status as a capacity reason. */
	public static final ErrorDecoder ERROR_DECODER = (status, body, text) -> {
		DecodedError decoded = ErrorDecoder.standard().decode(status, body, text);
		String flyStatus = WireJson.text(body, "status");
		return "insufficient_capacity".equals(flyStatus)
				? new DecodedError(decoded.kind(), decoded.message(), flyStatus, ErrorReason.INSUFFICIENT_CAPACITY)
				: decoded;
	};

	/** Metadata key with a spawn's idempotency token. */
	static final String SPAWN_METADATA = "atlas-spawn";

	/** Metadata key with the requested ports in the {@code 8000/http,22/tcp} form. */
	static final String PORTS_METADATA = "atlas-ports";

	/** Provider options accepted on a create. */
	static final Set<String> OPTIONS = Set.of("app", "cpuKind", "cpus", "memoryMb", "restartPolicy", "autoDestroy",
			"init", "skipLaunch");

	private static final int MEMORY_STEP_MB = 256;

	private final @Nullable String defaultApp;

	private final Guest defaultGuest;

	private final String volumeMountPath;

	private final IgnoredFields ignored = new IgnoredFields(PROVIDER);

	/**
	 * Create a translator.
	 * @param defaultApp the app machines are created in and listed from unless a request names another, or
	 * {@code null} when every request names its app
	 * @param defaultGuest the guest size unless a request sets its own
	 * @param volumeMountPath where a volume ({@code networkVolumeId}) is mounted
	 */
	public FlyMachinesTranslator(@Nullable String defaultApp, Guest defaultGuest, String volumeMountPath) {
		this.defaultApp = defaultApp;
		this.defaultGuest = defaultGuest;
		this.volumeMountPath = volumeMountPath;
	}

	/**
	 * Translate and validate a spawn request, once: everything Fly would reject is rejected here, before anything is
	 * sent, and request fields Fly has no place for are reported as ignored.
	 * @param request the request
	 * @return the spec the create body is built from
	 * @throws ExAtlasException of kind {@code UNSUPPORTED} for GPUs and spot, {@code VALIDATION} for input Fly
	 * would reject (including no app)
	 */
	public FlyMachineSpec spec(ComputeRequest request) {
		if (request.gpu() != null) {
			throw unsupported("Fly.io GPU machines are no longer offered (withdrawn after 2026-08-01); this provider "
					+ "runs CPU machines. Remove the gpu or choose a GPU provider");
		}
		if (request.spot()) {
			throw unsupported("Fly.io has no spot machines");
		}
		this.ignored.rejectUnknownOptions(request, OPTIONS, "Fly's create-machine API");
		if (request.image() == null) {
			throw ExAtlasException.validation(PROVIDER, "a Fly machine needs an image");
		}
		Guest guest = guest(request);
		if (request.cloudType() != CloudType.ANY) {
			this.ignored.ignore("cloudType", "Fly has a single cloud");
		}
		if (request.volumeGb() != null) {
			this.ignored.ignore("volumeGb", "create a Fly volume and pass its id as networkVolumeId");
		}
		if (request.containerDiskGb() != null) {
			this.ignored.ignore("containerDiskGb", "a machine's root filesystem size follows its image");
		}
		if (request.templateId() != null) {
			this.ignored.ignore("templateId", "Fly has no templates");
		}
			Map<String, Object> options = request.providerOptions();
		Object app = options.get("app");
		Object restart = options.get("restartPolicy");
		Object autoDestroy = options.get("autoDestroy");
		return new FlyMachineSpec((app != null) ? app.toString() : defaultApp(), request.name(),
				request.regionHints().isEmpty() ? null : request.regionHints().get(0),
				Boolean.TRUE.equals(options.get("skipLaunch")), request.image(), request.env(), guest, request.ports(),
				request.networkVolumeId(), (restart != null) ? restart.toString() : null,
				(autoDestroy != null) ? Boolean.parseBoolean(autoDestroy.toString()) : null, options.get("init"));
	}

	/**
	 * Whether a default app is configured.
	 * @return whether {@link #defaultApp()} answers one
	 */
	public boolean hasDefaultApp() {
		return this.defaultApp != null;
	}

	/**
	 * The default app.
	 * @return the app
	 * @throws ExAtlasException of kind {@code VALIDATION} when none is configured
	 */
	public String defaultApp() {
		if (this.defaultApp == null) {
			throw ExAtlasException.validation(PROVIDER, "no Fly app: set exatlas.providers.fly.app or the 'app' "
					+ "provider option");
		}
		return this.defaultApp;
	}

	/**
	 * The body of {@code POST /apps/{app}/machines} ({@code CreateMachineRequest}).
	 * @param spec the validated spec
	 * @param spawnToken the idempotency token, sent as metadata
	 * @return the body
	 */
	public ObjectNode createBody(FlyMachineSpec spec, String spawnToken) {
		ObjectNode body = WireJson.object();
		if (spec.name() != null) {
			body.put("name", spec.name());
		}
		if (spec.region() != null) {
			body.put("region", spec.region());
		}
		if (spec.skipLaunch()) {
			body.put("skip_launch", true);
		}
		ObjectNode config = body.putObject("config");
		config.put("image", spec.image());
		if (!spec.env().isEmpty()) {
			ObjectNode env = config.putObject("env");
			spec.env().forEach(env::put);
		}
		Guest guest = spec.guest();
		config.putObject("guest")
			.put("cpu_kind", guest.cpuKind())
			.put("cpus", guest.cpus())
			.put("memory_mb", guest.memoryMb());
		if (!spec.ports().isEmpty()) {
			ArrayNode services = config.putArray("services");
			boolean firstHttp = true;
			for (PortSpec port : spec.ports()) {
				ObjectNode service = services.addObject().put("protocol", "tcp").put("internal_port", port.port());
				service.put("autostop", "off").put("autostart", true);
				ArrayNode ports = service.putArray("ports");
				if (port.protocol() == PortProtocol.HTTP && firstHttp) {
					ports.addObject().put("port", 443).set("handlers", WireJson.toTree(List.of("tls", "http")));
					ports.addObject()
						.put("port", 80)
						.put("force_https", true)
						.set("handlers", WireJson.toTree(List.of("http")));
					firstHttp = false;
				}
				else if (port.protocol() == PortProtocol.HTTP) {
					ports.addObject().put("port", port.port()).set("handlers", WireJson.toTree(List.of("tls", "http")));
				}
				else {
					ports.addObject().put("port", port.port());
				}
			}
		}
		if (spec.volumeId() != null) {
			config.putArray("mounts")
				.addObject()
				.put("volume", spec.volumeId())
				.put("path", this.volumeMountPath);
		}
		if (spec.restartPolicy() != null) {
			config.putObject("restart").put("policy", spec.restartPolicy());
		}
		if (spec.autoDestroy() != null) {
			config.put("auto_destroy", spec.autoDestroy());
		}
		if (spec.init() != null) {
			config.set("init", WireJson.toTree(spec.init()));
		}
		ObjectNode metadata = config.putObject("metadata");
		metadata.put(SPAWN_METADATA, spawnToken);
		if (!spec.ports().isEmpty()) {
			metadata.put(PORTS_METADATA, PortSpec.join(spec.ports()));
		}
		return body;
	}

	/**
	 * Whether a machine carries a spawn token.
	 * @param machine the machine
	 * @param spawnToken the token
	 * @return whether it was created by the spawn that used the token
	 */
	public static boolean hasSpawnToken(JsonNode machine, String spawnToken) {
		return spawnToken.equals(WireJson.text(machine, "config", "metadata", SPAWN_METADATA));
	}

	/**
	 * A machine as a {@link Compute}.
	 * @param app the machine's app
	 * @param machine the machine
	 * @return the resource
	 */
	public Compute toCompute(String app, JsonNode machine) {
		String machineId = WireJson.requiredIdentifier(machine, PROVIDER, "machine in Fly's response", "id");
		JsonNode config = machine.path("config");
		String host = app + ".fly.dev";
		List<PortBinding> ports = new ArrayList<>();
		boolean firstHttp = true;
		for (PortSpec port : PortSpec.parseAll(WireJson.text(config, "metadata", PORTS_METADATA))) {
			if (port.protocol() == PortProtocol.HTTP) {
				ports.add(new PortBinding(port.port(), firstHttp ? 443 : port.port(), PortProtocol.HTTP,
						"https://" + host + (firstHttp ? "" : ":" + port.port())));
				firstHttp = false;
			}
			else {
				ports.add(new PortBinding(port.port(), port.port(), PortProtocol.TCP, "tcp://" + host + ":" + port.port()));
			}
		}
		return Compute.builder(app.equals(this.defaultApp) ? machineId : app + ":" + machineId, PROVIDER)
			.status(status(WireJson.text(machine, "state")))
			.ports(ports)
			.gpuCount(0)
			.region(WireJson.text(machine, "region"))
			.image(WireJson.text(config, "image"))
			.name(WireJson.text(machine, "name"))
			.createdAt(WireJson.instant(machine, "created_at"))
			.raw(WireJson.toMap(machine))
			.build();
	}

	/**
	 * The app and machine id of a {@link Compute#id()}.
	 * @param id the compute id
	 * @return the reference
	 */
	public MachineRef ref(String id) {
		int colon = id.indexOf(':');
		return (colon < 0) ? new MachineRef(defaultApp(), id)
				: new MachineRef(id.substring(0, colon), id.substring(colon + 1));
	}

	/**
	 * Fly's machine state as the portable status: created, creating, starting, restarting, updating and replacing
	 * are provisioning; started is running; stopping, stopped, suspending and suspended are stopped; destroying,
	 * destroyed, replaced and migrated are terminated; failed and launch_failed are failed.
	 * @param state the wire state (an open set)
	 * @return the portable status
	 */
	public static ComputeStatus status(@Nullable String state) {
		if (state == null) {
			return ComputeStatus.PROVISIONING;
		}
		return switch (state.toLowerCase(Locale.ROOT)) {
			case "started" -> ComputeStatus.RUNNING;
			case "stopping", "stopped", "suspending", "suspended" -> ComputeStatus.STOPPED;
			case "destroying", "destroyed", "replaced", "migrated" -> ComputeStatus.TERMINATED;
			case "failed", "launch_failed" -> ComputeStatus.FAILED;
			default -> ComputeStatus.PROVISIONING;
		};
	}

	/**
	 * The fields reported as ignored so far.
	 * @return the request field names
	 */
	public Set<String> ignoredFields() {
		return this.ignored.reported();
	}

	private Guest guest(ComputeRequest request) {
		Object kind = request.providerOptions().get("cpuKind");
		Object cpus = request.providerOptions().get("cpus");
		Object memory = request.providerOptions().get("memoryMb");
		try {
			Guest guest = new Guest((kind != null) ? kind.toString() : this.defaultGuest.cpuKind(),
					(cpus != null) ? Integer.parseInt(cpus.toString()) : this.defaultGuest.cpus(),
					(memory != null) ? Integer.parseInt(memory.toString()) : this.defaultGuest.memoryMb());
			if (!Set.of("shared", "performance").contains(guest.cpuKind()) || guest.cpus() < 1
					|| guest.memoryMb() < MEMORY_STEP_MB || guest.memoryMb() % MEMORY_STEP_MB != 0) {
				throw new IllegalArgumentException(guest.toString());
			}
			return guest;
		}
		catch (IllegalArgumentException ex) {
			throw ExAtlasException.validation(PROVIDER, "invalid Fly guest: cpuKind must be shared or performance, "
					+ "cpus at least 1, memoryMb a multiple of 256 (was " + kind + ", " + cpus + ", " + memory + ")");
		}
	}

	private static ExAtlasException unsupported(String message) {
		return ExAtlasException.builder(ErrorKind.UNSUPPORTED).provider(PROVIDER).message(message).build();
	}

	/**
	 * A machine's size, as validated for one request.
	 *
	 * @param cpuKind {@code shared} or {@code performance}
	 * @param cpus the number of CPUs
	 * @param memoryMb memory in MB, a multiple of 256
	 */
	public record Guest(String cpuKind, int cpus, int memoryMb) {
	}

	/**
	 * A machine in an app.
	 *
	 * @param app the app
	 * @param machineId the machine id
	 */
	public record MachineRef(String app, String machineId) {
	}

}
