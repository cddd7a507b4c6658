package io.exatlas.providers.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.LongStream;

import io.exatlas.ExAtlasException;
import io.exatlas.compute.Compute;
import io.exatlas.compute.ComputeRequest;
import io.exatlas.providers.fly.internal.FlyMachinesTranslator;
import io.exatlas.providers.lambda.internal.LambdaLabsTranslator;
import io.exatlas.providers.lambda.internal.LambdaLaunchSpec;
import io.exatlas.providers.runpod.internal.RunPodPodTranslator;
import io.exatlas.providers.vast.internal.VastRentSpec;
import io.exatlas.providers.vast.internal.VastTranslator;
import io.exatlas.support.SchemaPayloads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No provider may throw anything but a typed {@link ExAtlasException} on a response its official spec allows. Every
 * translator that reads a response is fed payloads generated from the official OpenAPI schema of that response
 * ({@link SchemaPayloads}: optional fields missing or null, unknown enum values, odd strings and numbers, extra
 * fields), 400 seeds each; a {@code NullPointerException}, {@code ClassCastException} or any other untyped failure
 * fails the test with the seed and the payload.
 */
class TranslatorFuzzTests {

	private final Translators translators = new Translators();

	private static final int SEEDS = 400;

	static LongStream seeds() {
		return LongStream.range(0, SEEDS);
	}

	@ParameterizedTest
	@MethodSource("seeds")
	void runPodPods(long seed) {
		SchemaPayloads payloads = new SchemaPayloads("runpod-rest-v2-openapi.json", seed);
		JsonNode pod = payloads.component("Pod");
		typedOrNothing(seed, pod, (payload) -> checkCompute(this.translators.runPod.toCompute(payload)));
		typedOrNothing(seed, pod, (payload) -> RunPodPodTranslator.hasSpawnToken(payload, "token"));
	}

	@ParameterizedTest
	@MethodSource("seeds")
	void lambdaInstancesAndInstanceTypes(long seed) {
		SchemaPayloads payloads = new SchemaPayloads("lambda-cloud-openapi.json", seed);
		JsonNode instance = payloads.component("Instance");
		typedOrNothing(seed, instance, (payload) -> checkCompute(this.translators.lambda.toCompute(payload)));
		typedOrNothing(seed, instance, (payload) -> LambdaLabsTranslator.hasSpawnToken(payload, "token"));
		JsonNode types = payloads.component("InstanceTypes");
		typedOrNothing(seed, types, this.translators.lambda::toGpuTypes);
		LambdaLaunchSpec spec = this.translators.lambda.spec(ComputeRequest.builder().gpu("h100").image("img").name("n").build());
		typedOrNothing(seed, types, (payload) -> {
			String name = this.translators.lambda.instanceTypeName(spec, payload);
			this.translators.lambda.region(spec, payload.path(name), name);
		});
		ObjectNode withTheType = JsonNodeFactory.instance.objectNode();
		withTheType.set(spec.instanceTypeName(), payloads.component("InstanceTypesItem"));
		typedOrNothing(seed, withTheType, (payload) -> this.translators.lambda.region(spec,
				payload.path(spec.instanceTypeName()), spec.instanceTypeName()));
	}

	@ParameterizedTest
	@MethodSource("seeds")
	void vastInstancesAndOffers(long seed) {
		SchemaPayloads payloads = new SchemaPayloads("vast-openapi.yaml", seed);
		JsonNode instance = payloads.component("Instance");
		typedOrNothing(seed, instance, (payload) -> checkCompute(this.translators.vast.toCompute(payload)));
		typedOrNothing(seed, instance, (payload) -> VastTranslator.hasSpawnToken(payload, "token"));
		// The search answer's offers are "additionalProperties: true": any field may hold any JSON value.
		List<JsonNode> offers = new ArrayList<>();
		for (int i = payloads.random().nextInt(4); i >= 0; i--) {
			ObjectNode offer = (ObjectNode) payloads.at("/paths/~1api~1v0~1bundles/post/responses/200/content/"
					+ "application~1json/schema/properties/offers/items");
			for (String field : List.of("id", "ask_contract_id", "gpu_name", "num_gpus", "dph_total", "dph_base",
					"min_bid", "gpu_ram", "geolocation", "reliability2", "datacenter", "verification", "machine_id")) {
				if (payloads.random().nextInt(4) > 0) {
					offer.set(field, payloads.anyValue());
				}
			}
			offers.add(offer);
		}
		JsonNode asArray = JsonNodeFactory.instance.arrayNode().addAll(offers);
		typedOrNothing(seed, asArray, (payload) -> this.translators.vast.toGpuTypes(offers));
		VastRentSpec spec = this.translators.vast.spec(ComputeRequest.builder().gpu("h100").image("img").name("n").build());
		for (JsonNode offer : offers) {
			typedOrNothing(seed, offer, (payload) -> this.translators.vast.createBody(spec, payload, "token"));
		}
	}

	@ParameterizedTest
	@MethodSource("seeds")
	void flyMachines(long seed) {
		SchemaPayloads payloads = new SchemaPayloads("fly-machines-openapi.json", seed);
		JsonNode machine = payloads.component("Machine");
		typedOrNothing(seed, machine, (payload) -> checkCompute(this.translators.fly.toCompute("my-app", payload)));
		typedOrNothing(seed, machine, (payload) -> FlyMachinesTranslator.hasSpawnToken(payload, "token"));
	}

	/**
	 * The fuzzing reaches the translation, not only its first check: a good share of the generated resources
	 * translate (an id is optional in some of these specs, so not all do; Fly's about 40%).
	 */
	@Test
	void aGoodShareOfGeneratedResourcesTranslate() {
		Map<String, Integer> translated = new TreeMap<>();
		for (long next = 0; next < 200; next++) {
			long seed = next;
			count(translated, "runpod", () -> this.translators.runPod
				.toCompute(new SchemaPayloads("runpod-rest-v2-openapi.json", seed).component("Pod")));
			count(translated, "lambda", () -> this.translators.lambda
				.toCompute(new SchemaPayloads("lambda-cloud-openapi.json", seed).component("Instance")));
			count(translated, "vast", () -> this.translators.vast
				.toCompute(new SchemaPayloads("vast-openapi.yaml", seed).component("Instance")));
			count(translated, "fly", () -> this.translators.fly
				.toCompute("my-app", new SchemaPayloads("fly-machines-openapi.json", seed).component("Machine")));
		}
		assertThat(translated).as("resources translated out of 200").hasSize(4)
			.allSatisfy((provider, count) -> assertThat(count).as(provider).isGreaterThan(50));
	}

	private static void count(Map<String, Integer> translated, String provider, Supplier<Compute> translation) {
		try {
			checkCompute(translation.get());
			translated.merge(provider, 1, Integer::sum);
		}
		catch (ExAtlasException ex) {
			// counted as not translated
		}
	}

	/** A translated resource is usable: the fields every caller reads are there. */
	private static void checkCompute(Compute compute) {
		assertThat(compute.id()).isNotBlank();
		assertThat(compute.provider()).isNotBlank();
		assertThat(compute.status()).isNotNull();
		compute.toString();
	}

	private static void typedOrNothing(long seed, JsonNode payload, Consumer<JsonNode> translation) {
		try {
			translation.accept(payload);
		}
		catch (ExAtlasException ex) {
			// A typed answer: the response was unusable, and the caller is told so.
			assertThat(ex.getMessage()).isNotBlank();
		}
		catch (RuntimeException | AssertionError ex) {
			String shown = payload.toString();
			throw new AssertionError("seed " + seed + ": " + ex + "\npayload: "
					+ ((shown.length() > 3000) ? shown.substring(0, 3000) + "…" : shown), ex);
		}
	}

}
