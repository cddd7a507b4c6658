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
import io.exatlas.providers.fly.FlyMachinesTranslator.MachineRef;
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

	private final FlyMachinesClient client;

	private final FlyMachinesTranslator translator;

	private final @Nullable Duration waitOnSpawn;

	/**
	 * Create the provider.
	 * @param client the API client
	 * @param translator the wire translation
	 * @param waitOnSpawn how long a spawn waits for the machine to start, or {@code null} not to wait
	 */
	public FlyMachinesComputeProvider(FlyMachinesClient client, FlyMachinesTranslator translator,
			@Nullable Duration waitOnSpawn) {
		super(FlyMachinesTranslator.PROVIDER, CAPABILITIES, OPERATIONS);
		this.client = client;
		this.translator = translator;
		this.waitOnSpawn = waitOnSpawn;
	}

	@Override
	public Mono<Compute> spawn(ComputeRequest request, ProviderContext context) {
		return Mono.fromRunnable(() -> this.translator.validate(request)).then(Mono.defer(() -> {
			String app = this.translator.app(request);
			String token = UUID.randomUUID().toString();
			Mono<JsonNode> create = Mono.fromCallable(() -> this.translator.createBody(request, token))
				.flatMap((body) -> this.client.create(app, body, context));
			Mono<JsonNode> findExisting = this.client.machines(app, context)
				.filter((machine) -> FlyMachinesTranslator.hasSpawnToken(machine, token))
				.next();
			Mono<Compute> created = this.client.createOnce(create, findExisting)
				.map((machine) -> this.translator.toCompute(app, machine));
			return (this.waitOnSpawn == null) ? created : created.flatMap(
					(compute) -> waitForState(compute.id(), "started", this.waitOnSpawn, context)
						.then(get(compute.id(), context)));
		}));
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

}
