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
import io.exatlas.compute.GpuCatalog;
import io.exatlas.compute.GpuType;
import io.exatlas.compute.ProviderContext;
import io.exatlas.internal.WireJson;
import io.exatlas.providers.AbstractComputeProvider;
import io.exatlas.providers.http.ErrorDecoder;
import io.exatlas.providers.vast.internal.VastRentSpec;
import io.exatlas.providers.vast.internal.VastTranslator;
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

	/** The provider id. */
	public static final String ID = VastTranslator.PROVIDER;

	/** Decodes Vast's error bodies (an offer taken is {@code no_such_ask}); the API client must use it. */
	public static final ErrorDecoder ERROR_DECODER = VastTranslator.ERROR_DECODER;

	private final VastClient client;

	private final VastTranslator translator;

	private final int offersTried;

	/**
	 * Create the provider.
	 * @param client the API client (built with {@link #ERROR_DECODER})
	 * @param catalog maps canonical GPU ids to Vast's GPU names
	 * @param defaultDiskGb the disk size when a request sets no {@code containerDiskGb}
	 * @param offersTried how many of the cheapest offers a spawn tries when offers are taken before they are rented
	 */
	public VastComputeProvider(VastClient client, GpuCatalog catalog, int defaultDiskGb, int offersTried) {
		super(ID, CAPABILITIES, OPERATIONS);
		this.client = client;
		this.translator = new VastTranslator(catalog, defaultDiskGb);
		this.offersTried = offersTried;
	}

	/**
	 * The request fields this provider has reported as ignored so far (Vast has no place for them).
	 * @return the field names
	 */
	public Set<String> ignoredFields() {
		return this.translator.ignoredFields();
	}

	@Override
	public Mono<Compute> spawn(ComputeRequest request, ProviderContext context) {
		return Mono.fromCallable(() -> this.translator.spec(request))
			.flatMap((spec) -> this.client.searchOffers(this.translator.searchBody(spec, this.offersTried), context)
				.take(this.offersTried)
				.collectList()
				.flatMap((offers) -> offers.isEmpty() ? Mono.error(this.translator.noCapacity(spec, 0))
						: rent(spec, offers, 0, UUID.randomUUID().toString(), context)))
			.flatMap((instanceId) -> readBack(instanceId, request.name(), context));
	}

	private Mono<String> rent(VastRentSpec spec, List<JsonNode> offers, int index, String token,
			ProviderContext context) {
		JsonNode offer = offers.get(index);
		Mono<String> create = Mono.fromCallable(() -> this.translator.createBody(spec, offer, token))
			.flatMap((body) -> this.client.createInstance(WireJson.identifier(offer, "id"), body, context));
		Mono<String> findExisting = this.client.instances(spec.name(), context)
			.filter((instance) -> VastTranslator.hasSpawnToken(instance, token))
			.next()
			.mapNotNull((instance) -> WireJson.identifier(instance, "id"));
		return this.client.createOnce(create, findExisting)
			.onErrorResume(VastComputeProvider::offerTaken,
					(ex) -> (index + 1 < offers.size()) ? rent(spec, offers, index + 1, token, context)
							: Mono.error(this.translator.noCapacity(spec, offers.size())));
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

	@Override
	public Mono<Boolean> configured() {
		return this.client.hasCredentials();
	}

}
