package io.exatlas.providers.fly;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import io.exatlas.ErrorKind;
import io.exatlas.ExAtlasException;
import io.exatlas.compute.Capability;
import io.exatlas.compute.Compute;
import io.exatlas.compute.ComputeFilter;
import io.exatlas.compute.ComputeOperation;
import io.exatlas.compute.ComputeRequest;
import io.exatlas.compute.ProviderContext;
import io.exatlas.providers.AbstractComputeProvider;
import io.exatlas.providers.fly.internal.FlyMachinesTranslator;
import io.exatlas.providers.fly.internal.FlyMachinesTranslator.MachineRef;
import io.exatlas.providers.http.ErrorDecoder;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Fly.io Machines behind the portable API: CPU machines (Fly withdrew GPU machines after 2026-08-01) created in an
 * app, started, stopped and destroyed. {@code list} lists the default app's machines. A spawn can wait until the
 * machine has started (Fly's server-side wait, re-issued every 60 s up to the configured bound).
 * <p>
 * A create is idempotent: the machine carries a unique spawn token in its metadata, and when a create fails
 * ambiguously the app's machines are searched for it before anything is sent again.
 */
public class FlyMachinesComputeProvider extends AbstractComputeProvider {

	private static final Set<Capability> CAPABILITIES = EnumSet.of(Capability.HTTP_PROXY, Capability.RAW_TCP,
			Capability.GLOBAL_NETWORKING);

	private static final Set<ComputeOperation> OPERATIONS = EnumSet.of(ComputeOperation.SPAWN, ComputeOperation.GET,
			ComputeOperation.LIST, ComputeOperation.TERMINATE, ComputeOperation.STOP, ComputeOperation.START);

	private static final Duration MAX_WAIT_PER_REQUEST = Duration.ofSeconds(60);

	/** The provider id. */
	public static final String ID = FlyMachinesTranslator.PROVIDER;

	/** Decodes Fly's error bodies, with the capacity reason; the API client must use it. */
	public static final ErrorDecoder ERROR_DECODER = FlyMachinesTranslator.ERROR_DECODER;

	private final FlyMachinesClient client;

	private final FlyMachinesTranslator translator;

	private final @Nullable Duration waitOnSpawn;

	/**
	 * Create the provider.
	 * @param client the Machines API client (built with {@link #ERROR_DECODER})
	 * @param app the app machines are created in and listed from, or {@code null} (then every call needs the
	 * {@code app} provider option, or fails with {@code VALIDATION})
	 * @param guest the machine size unless a request sets its own
	 * @param volumeMountPath where a request's volume is mounted
	 * @param waitOnSpawn how long a spawn waits for the machine to start, or {@code null} to return at once
	 */
	public FlyMachinesComputeProvider(FlyMachinesClient client, @Nullable String app, FlyGuest guest,
			String volumeMountPath, @Nullable Duration waitOnSpawn) {
		super(ID, CAPABILITIES, OPERATIONS);
		this.client = client;
		this.translator = new FlyMachinesTranslator(app,
				new FlyMachinesTranslator.Guest(guest.cpuKind(), guest.cpus(), guest.memoryMb()), volumeMountPath);
		this.waitOnSpawn = waitOnSpawn;
	}

	/**
	 * The request fields this provider has reported as ignored so far (Fly has no place for them).
	 * @return the field names
	 */
	public Set<String> ignoredFields() {
		return this.translator.ignoredFields();
	}

	@Override
	public Mono<Compute> spawn(ComputeRequest request, ProviderContext context) {
		return Mono.fromCallable(() -> this.translator.spec(request)).flatMap((spec) -> {
			String app = spec.app();
			String token = UUID.randomUUID().toString();
			Mono<JsonNode> create = this.client.create(app, this.translator.createBody(spec, token), context);
			Mono<JsonNode> findExisting = this.client.machines(app, context)
				.filter((machine) -> FlyMachinesTranslator.hasSpawnToken(machine, token))
				.next();
			Mono<Compute> created = this.client.createOnce(create, findExisting)
				.map((machine) -> this.translator.toCompute(app, machine));
			return (this.waitOnSpawn == null) ? created : created.flatMap(
					(compute) -> waitForState(compute.id(), "started", this.waitOnSpawn, context)
						.then(get(compute.id(), context)));
		});
	}

	/**
	 * Wait until a machine reaches a state, using Fly's server-side wait (at most 60 s per request, re-issued until
	 * the bound).
	 * @param id the compute id
	 * @param state {@code started}, {@code suspended}, {@code destroyed}, {@code failed} or {@code settled}
	 * ({@code stopped} needs the machine's version, which this method does not send)
	 * @param timeout the overall bound
	 * @param context the call context
	 * @return completion once the state is reached; a {@code TIMEOUT} error after the bound
	 */
	public Mono<Void> waitForState(String id, String state, Duration timeout, ProviderContext context) {
		MachineRef ref = this.translator.ref(id);
		return waitRound(ref, state, timeout, context).onErrorMap(FlyMachinesComputeProvider::timedOut,
				(ex) -> ExAtlasException.builder(ErrorKind.TIMEOUT)
					.provider(id())
					.message("machine " + id + " did not reach '" + state + "' within " + timeout)
					.build());
	}

	private Mono<Void> waitRound(MachineRef ref, String state, Duration remaining, ProviderContext context) {
		Duration round = (remaining.compareTo(MAX_WAIT_PER_REQUEST) > 0) ? MAX_WAIT_PER_REQUEST : remaining;
		int seconds = (int) Math.max(1, round.toSeconds());
		Duration left = remaining.minus(round);
		return this.client.waitFor(ref.app(), ref.machineId(), state, seconds, context)
			.onErrorResume((ex) -> timedOut(ex) && !left.isZero() && !left.isNegative(), (ex) -> waitRound(ref, state, left, context));
	}

	private static boolean timedOut(Throwable ex) {
		return ex instanceof ExAtlasException atlas && atlas.kind() == ErrorKind.TIMEOUT;
	}

	@Override
	public Mono<Compute> get(String id, ProviderContext context) {
		return Mono.defer(() -> {
			MachineRef ref = this.translator.ref(id);
			return this.client.machine(ref.app(), ref.machineId(), context)
				.map((machine) -> this.translator.toCompute(ref.app(), machine));
		});
	}

	@Override
	public Flux<Compute> list(ComputeFilter filter, ProviderContext context) {
		return Flux.defer(() -> {
			String app = this.translator.defaultApp();
			return this.client.machines(app, context)
				.map((machine) -> this.translator.toCompute(app, machine))
				.filter(filter::matches);
		});
	}

	@Override
	public Mono<Void> stop(String id, ProviderContext context) {
		return action(id, "stop", context);
	}

	@Override
	public Mono<Void> start(String id, ProviderContext context) {
		return action(id, "start", context);
	}

	@Override
	public Mono<Void> terminate(String id, ProviderContext context) {
		return Mono.defer(() -> {
			MachineRef ref = this.translator.ref(id);
			return this.client.destroy(ref.app(), ref.machineId(), context);
		});
	}

	private Mono<Void> action(String id, String action, ProviderContext context) {
		return Mono.defer(() -> {
			MachineRef ref = this.translator.ref(id);
			return this.client.action(ref.app(), ref.machineId(), action, context);
		});
	}

	/**
	 * Configured when a default app is set (listing needs one) and a token can be had.
	 * @return whether background work can call Fly
	 */
	@Override
	public Mono<Boolean> configured() {
		return this.translator.hasDefaultApp() ? this.client.hasCredentials() : Mono.just(false);
	}

}
