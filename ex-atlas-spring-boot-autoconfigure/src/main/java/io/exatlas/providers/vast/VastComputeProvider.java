package io.exatlas.providers.vast;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.exatlas.ExAtlasException;
import io.exatlas.compute.Capability;
import io.exatlas.compute.Compute;
import io.exatlas.compute.ComputeFilter;
import io.exatlas.compute.ComputeOperation;
import io.exatlas.compute.ComputeRequest;
import io.exatlas.compute.GpuType;
import io.exatlas.compute.ProviderContext;
import io.exatlas.internal.WireJson;
import io.exatlas.providers.AbstractComputeProvider;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Vast.ai's marketplace behind the portable API. A spawn searches offers and rents the cheapest acceptable one;
 * when Vast answers that the offer was taken ({@code no_such_ask}) the next cheapest is tried, up to a bound. A
 * {@code spot} request rents an interruptible instance at the offer's minimum bid (or the {@code bidPrice}
 * option). Stop and start change the instance's state; terminate destroys it.
 * <p>
 * A create is idempotent: the instance is labelled with the request's name and carries a unique spawn token, and
 * when a create fails ambiguously the instance is looked up by both before anything is sent again.
 */
public class VastComputeProvider extends AbstractComputeProvider {

	private static final Set<Capability> CAPABILITIES = EnumSet.of(Capability.SPOT, Capability.RAW_TCP);

	private static final Set<ComputeOperation> OPERATIONS = EnumSet.of(ComputeOperation.SPAWN, ComputeOperation.GET,
			ComputeOperation.LIST, ComputeOperation.TERMINATE, ComputeOperation.STOP, ComputeOperation.START,
			ComputeOperation.LIST_GPU_TYPES);

	private static final int GPU_TYPES_OFFER_LIMIT = 1000;

	private final VastClient client;

	private final VastTranslator translator;

	private final int offersTried;

	/**
	 * Create the provider.
	 * @param client the API client
	 * @param translator the wire translation
	 * @param offersTried how many of the cheapest matching offers a spawn tries before giving up
	 */
	public VastComputeProvider(VastClient client, VastTranslator translator, int offersTried) {
		super(VastTranslator.PROVIDER, CAPABILITIES, OPERATIONS);
		this.client = client;
		this.translator = translator;
		this.offersTried = offersTried;
	}

	@Override
	public Mono<Compute> spawn(ComputeRequest request, ProviderContext context) {
		return Mono.fromRunnable(() -> this.translator.validate(request))
			.thenMany(Flux.defer(() -> this.client
				.searchOffers(this.translator.searchBody(request, this.offersTried), context)))
			.take(this.offersTried)
			.collectList()
			.flatMap((offers) -> offers.isEmpty() ? Mono.error(this.translator.noCapacity(request, 0))
					: rent(request, offers, 0, UUID.randomUUID().toString(), context))
			.flatMap((instanceId) -> get(instanceId, context));
	}

	private Mono<String> rent(ComputeRequest request, List<JsonNode> offers, int index, String token,
			ProviderContext context) {
		JsonNode offer = offers.get(index);
		Mono<String> create = Mono.fromCallable(() -> this.translator.createBody(request, offer, token))
			.flatMap((body) -> this.client.createInstance(WireJson.identifier(offer, "id"), body, context));
		Mono<String> findExisting = this.client.instances(request.name(), context)
			.filter((instance) -> VastTranslator.hasSpawnToken(instance, token))
			.next()
			.mapNotNull((instance) -> WireJson.identifier(instance, "id"));
		return this.client.createOnce(create, findExisting)
			.onErrorResume(VastComputeProvider::offerTaken,
					(ex) -> (index + 1 < offers.size()) ? rent(request, offers, index + 1, token, context)
							: Mono.error(this.translator.noCapacity(request, offers.size())));
	}

	private static boolean offerTaken(Throwable ex) {
		return ex instanceof ExAtlasException atlas
				&& atlas.code().filter(VastTranslator.NO_SUCH_ASK::equals).isPresent();
	}

	@Override
	public Mono<Compute> get(String id, ProviderContext context) {
		return this.client.instance(id, context).map(this.translator::toCompute);
	}

	@Override
	public Flux<Compute> list(ComputeFilter filter, ProviderContext context) {
		return this.client.instances(null, context).map(this.translator::toCompute).filter(filter::matches);
	}

	@Override
	public Mono<Void> stop(String id, ProviderContext context) {
		return this.client.changeState(id, "stopped", context);
	}

	@Override
	public Mono<Void> start(String id, ProviderContext context) {
		return this.client.changeState(id, "running", context);
	}

	@Override
	public Mono<Void> terminate(String id, ProviderContext context) {
		return this.client.destroy(id, context);
	}

	@Override
	public Flux<GpuType> listGpuTypes(ProviderContext context) {
		return this.client.searchOffers(this.translator.gpuTypesSearchBody(GPU_TYPES_OFFER_LIMIT), context)
			.collectList()
			.flatMapIterable(this.translator::toGpuTypes);
	}

}
