package io.exatlas.providers.lambda;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.exatlas.ErrorKind;
import io.exatlas.ExAtlasException;
import io.exatlas.compute.Capability;
import io.exatlas.compute.Compute;
import io.exatlas.compute.ComputeFilter;
import io.exatlas.compute.ComputeOperation;
import io.exatlas.compute.ComputeRequest;
import io.exatlas.compute.GpuCatalog;
import io.exatlas.compute.GpuType;
import io.exatlas.compute.Offer;
import io.exatlas.compute.ProviderContext;
import io.exatlas.providers.AbstractComputeProvider;
import io.exatlas.providers.http.ErrorDecoder;
import io.exatlas.providers.lambda.internal.LambdaLabsTranslator;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Lambda Cloud behind the portable API. A spawn reads the instance-types listing (type and region with capacity),
 * launches, and reads the new instance back. Lambda has no stop: {@code stop} is {@code UNSUPPORTED} and
 * {@code start} restarts the instance. Terminate is retried on transient failures (repeating it is harmless).
 * <p>
 * A launch is idempotent: it carries a unique tag, and when it fails ambiguously the instance is looked up by that
 * tag before anything is sent again.
 */
public class LambdaLabsComputeProvider extends AbstractComputeProvider {

	private static final Set<Capability> CAPABILITIES = EnumSet.of(Capability.RAW_TCP, Capability.SYMMETRIC_PORTS,
			Capability.NETWORK_VOLUMES);

	private static final Set<ComputeOperation> OPERATIONS = EnumSet.of(ComputeOperation.SPAWN, ComputeOperation.GET,
			ComputeOperation.LIST, ComputeOperation.TERMINATE, ComputeOperation.START,
			ComputeOperation.LIST_GPU_TYPES);

	/** The provider id. */
	public static final String ID = LambdaLabsTranslator.PROVIDER;

	/** Decodes Lambda's error bodies, with capacity and quota reasons; the API client must use it. */
	public static final ErrorDecoder ERROR_DECODER = LambdaLabsTranslator.ERROR_DECODER;

	private final LambdaLabsClient client;

	private final LambdaLabsTranslator translator;

	/**
	 * Create the provider.
	 * @param client the API client (built with {@link #ERROR_DECODER})
	 * @param catalog maps canonical GPU ids to Lambda's instance types
	 * @param sshKeyName the SSH key launches use unless a request names its own, or {@code null}
	 */
	public LambdaLabsComputeProvider(LambdaLabsClient client, GpuCatalog catalog, @Nullable String sshKeyName) {
		super(ID, CAPABILITIES, OPERATIONS);
		this.client = client;
		this.translator = new LambdaLabsTranslator(catalog, sshKeyName);
	}

	/**
	 * The request fields this provider has reported as ignored so far (Lambda has no place for them).
	 * @return the field names
	 */
	public Set<String> ignoredFields() {
		return this.translator.ignoredFields();
	}

	@Override
	public Mono<Compute> spawn(ComputeRequest request, ProviderContext context) {
		return Mono.fromCallable(() -> this.translator.spec(request))
			.flatMap((spec) -> this.client.instanceTypes(context).flatMap((types) -> {
				String typeName = this.translator.instanceTypeName(spec, types);
				String region = this.translator.region(spec, types.path(typeName), typeName);
				String token = UUID.randomUUID().toString();
				Mono<String> launch = this.client.launch(this.translator.launchBody(spec, typeName, region, token), context)
					.flatMap((ids) -> ids.isEmpty() ? Mono.error(ExAtlasException.builder(ErrorKind.PROVIDER)
						.provider(id())
						.message("Lambda's launch answered no instance id")
						.build()) : Mono.just(ids.get(0)));
				Mono<String> findExisting = this.client.instances(context)
					.filter((instance) -> LambdaLabsTranslator.hasSpawnToken(instance, token))
					.next()
					.mapNotNull((instance) -> instance.path("id").asString(null));
				return this.client.createOnce(launch, findExisting)
					.flatMap((instanceId) -> readBack(instanceId, spec.name(), context));
			}));
	}

	@Override
	public Mono<Compute> get(String id, ProviderContext context) {
		return this.client.instance(id, context).map(this.translator::toCompute);
	}

	@Override
	public Flux<Compute> list(ComputeFilter filter, ProviderContext context) {
		return this.client.instances(context).map(this.translator::toCompute).filter(filter::matches);
	}

	@Override
	public Mono<Void> start(String id, ProviderContext context) {
		return this.client.restart(List.of(id), context).then();
	}

	@Override
	public Mono<Void> terminate(String id, ProviderContext context) {
		return this.client.terminate(List.of(id), context).then();
	}

	@Override
	public Flux<GpuType> listGpuTypes(ProviderContext context) {
		return this.client.instanceTypes(context).flatMapIterable(this.translator::toGpuTypes);
	}

	@Override
	public Flux<Offer> listOffers(ProviderContext context) {
		return this.client.instanceTypes(context).flatMapIterable(this.translator::toOffers);
	}

	@Override
	public Mono<Boolean> configured() {
		return this.client.hasCredentials();
	}

}
