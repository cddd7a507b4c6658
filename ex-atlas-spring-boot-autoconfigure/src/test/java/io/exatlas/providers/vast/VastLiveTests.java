package io.exatlas.providers.vast;

import io.exatlas.compute.ComputeRequest;
import io.exatlas.providers.vast.autoconfigure.VastAutoConfiguration;
import io.exatlas.providers.vast.internal.VastTranslator;
import io.exatlas.support.LiveProviderTests;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Against a real Vast account: {@code VAST_API_KEY=… ./mvnw -Plive -pl ex-atlas-spring-boot-autoconfigure test}.
 * The spawn check rents the cheapest RTX 3090 offer under $0.30/h with nginx and destroys it.
 */
@EnabledIfEnvironmentVariable(named = "VAST_API_KEY", matches = ".+")
class VastLiveTests extends LiveProviderTests {

	@Override
	protected String provider() {
		return VastTranslator.PROVIDER;
	}

	@Override
	protected Class<?> autoConfiguration() {
		return VastAutoConfiguration.class;
	}

	@Override
	protected ComputeRequest spawnRequest() {
		return ComputeRequest.builder()
			.gpu("rtx_3090")
			.image("nginx:alpine")
			.httpPort(80)
			.providerOption("maxPricePerHour", 0.3)
			.build();
	}

}
