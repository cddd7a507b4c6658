package io.exatlas.providers.fuzz;

import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.LongStream;

import io.exatlas.ErrorKind;
import io.exatlas.ExAtlasException;
import io.exatlas.compute.ComputeRequest;
import io.exatlas.internal.WireJson;
import io.exatlas.providers.fly.internal.FlyMachinesTranslator;
import io.exatlas.providers.lambda.internal.LambdaLabsTranslator;
import io.exatlas.providers.lambda.internal.LambdaLaunchSpec;
import io.exatlas.providers.runpod.internal.RunPodPodSpec;
import io.exatlas.providers.runpod.internal.RunPodPodTranslator;
import io.exatlas.providers.vast.internal.VastRentSpec;
import io.exatlas.providers.vast.internal.VastTranslator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Provider options arrive as whatever the caller's JSON or YAML held: a number where a string is expected, a list
 * where a map is. Every option each provider accepts, given values of every JSON shape, must translate or fail with
 * a {@code VALIDATION} error naming the option; never a {@code ClassCastException} (Lambda's {@code userData} as a
 * number did) nor an option silently dropped for its type (Vast's {@code searchFilters} as a list was).
 */
class ProviderOptionFuzzTests {

	private final Translators translators = new Translators();

	private static final int SEEDS = 300;

	static LongStream seeds() {
		return LongStream.range(0, SEEDS);
	}

	@ParameterizedTest
	@MethodSource("seeds")
	void runPod(long seed) {
		Random random = new Random(seed);
		check(seed, random, options(RunPodPodTranslator.class, "REST_OPTIONS"), gpuRequest(), (request) -> {
			RunPodPodSpec spec = this.translators.runPod.spec(request);
			WireJson.mapper().writeValueAsString(this.translators.runPod.createBody(spec, "token"));
		});
		check(seed, random, options(RunPodPodTranslator.class, "SPOT_OPTIONS"), gpuRequest().spot(true), (request) -> {
			RunPodPodSpec spec = this.translators.runPod.spec(request);
			WireJson.mapper().writeValueAsString(this.translators.spot.rentInput(spec, "token", BigDecimal.ONE));
		});
	}

	@ParameterizedTest
	@MethodSource("seeds")
	void lambda(long seed) {
		Random random = new Random(seed);
		ComputeRequest.Builder request = ComputeRequest.builder().gpu("h100").name("atlas-n");
		check(seed, random, options(LambdaLabsTranslator.class, "OPTIONS"), request, (built) -> {
			LambdaLaunchSpec spec = this.translators.lambda.spec(built);
			WireJson.mapper()
				.writeValueAsString(this.translators.lambda.launchBody(spec, spec.instanceTypeName(), "us-east-1", "token"));
		});
	}

	@ParameterizedTest
	@MethodSource("seeds")
	void vast(long seed) {
		Random random = new Random(seed);
		check(seed, random, allOptions(), gpuRequest(), (request) -> {
			VastRentSpec spec = this.translators.vast.spec(request);
			WireJson.mapper().writeValueAsString(this.translators.vast.searchBody(spec, 10));
			WireJson.mapper().writeValueAsString(this.translators.vast.createBody(spec,
					WireJson.mapper().readTree("{\"id\":1,\"ask_contract_id\":1,\"min_bid\":0.5}"), "token"));
		});
	}

	@ParameterizedTest
	@MethodSource("seeds")
	void fly(long seed) {
		Random random = new Random(seed);
		check(seed, random, options(FlyMachinesTranslator.class, "OPTIONS"),
				ComputeRequest.builder().image("nginx").name("atlas-n"),
				(request) -> WireJson.mapper().writeValueAsString(this.translators.fly.createBody(this.translators.fly.spec(request), "token")));
	}

	@Test
	void anOptionOfTheWrongShapeIsAValidationErrorNamingItNeverIgnored() {
		assertThatExceptionOfType(ExAtlasException.class)
			.isThrownBy(() -> this.translators.lambda.spec(ComputeRequest.builder().gpu("h100").name("atlas-n")
				.providerOptions(Map.of("userData", 42)).build()))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.VALIDATION))
			.withMessageContaining("provider option 'userData' must be a string (a cloud-init document), was a number");
		assertThatExceptionOfType(ExAtlasException.class)
			.isThrownBy(() -> this.translators.vast.spec(gpuRequest().providerOptions(Map.of("searchFilters", List.of("x"))).build()))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.VALIDATION))
			.withMessageContaining("provider option 'searchFilters' must be an object, was a list");
	}

	private static Collection<String> allOptions() {
		List<String> options = new ArrayList<>(options(VastTranslator.class, "SEARCH_OPTIONS"));
		options.addAll(((Map<?, ?>) field(VastTranslator.class, "CREATE_OPTIONS")).keySet().stream()
			.map(Object::toString)
			.toList());
		options.add("bidPrice");
		return options;
	}

	private static ComputeRequest.Builder gpuRequest() {
		return ComputeRequest.builder().gpu("h100").image("vllm/vllm-openai").name("atlas-n");
	}

	/** One to three of the provider's options, each with a value of a random JSON shape, on a valid request. */
	private static void check(long seed, Random random, Collection<String> accepted, ComputeRequest.Builder base,
			Consumer<ComputeRequest> translation) {
		List<String> names = new ArrayList<>(accepted);
		java.util.Collections.sort(names);
		Map<String, Object> options = new java.util.LinkedHashMap<>();
		for (int i = 1 + random.nextInt(3); i > 0; i--) {
			options.put(names.get(random.nextInt(names.size())), value(random, 0));
		}
		ComputeRequest request = base.providerOptions(options).build();
		try {
			translation.accept(request);
		}
		catch (ExAtlasException ex) {
			assertThat(ex.kind()).as("seed %d, options %s: %s", seed, options, ex.getMessage())
				.isIn(ErrorKind.VALIDATION, ErrorKind.UNSUPPORTED);
		}
		catch (RuntimeException ex) {
			throw new AssertionError("seed " + seed + ", options " + options + ": " + ex, ex);
		}
	}

	private static Object value(Random random, int depth) {
		int kind = random.nextInt((depth > 2) ? 6 : 8);
		return switch (kind) {
			case 0 -> "text-" + random.nextInt(10);
			case 1 -> "";
			case 2 -> random.nextInt(2000) - 1000;
			case 3 -> random.nextDouble() * 10;
			case 4 -> random.nextBoolean();
			case 5 -> Long.MAX_VALUE;
			case 6 -> {
				List<Object> list = new ArrayList<>();
				for (int i = random.nextInt(3); i > 0; i--) {
					list.add(value(random, depth + 1));
				}
				yield list;
			}
			default -> {
				Map<String, Object> map = new java.util.LinkedHashMap<>();
				for (int i = random.nextInt(3); i > 0; i--) {
					map.put("k" + i, value(random, depth + 1));
				}
				yield map;
			}
		};
	}

	@SuppressWarnings("unchecked")
	private static Collection<String> options(Class<?> translator, String name) {
		return (Collection<String>) field(translator, name);
	}

	private static Object field(Class<?> type, String name) {
		try {
			Field field = type.getDeclaredField(name);
			field.setAccessible(true);
			return field.get(null);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
