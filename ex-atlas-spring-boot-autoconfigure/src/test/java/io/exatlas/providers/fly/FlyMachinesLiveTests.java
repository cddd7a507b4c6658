package io.exatlas.providers.fly;

import io.exatlas.compute.ComputeRequest;
import io.exatlas.providers.fly.autoconfigure.FlyMachinesAutoConfiguration;
import io.exatlas.providers.fly.internal.FlyMachinesTranslator;
import io.exatlas.support.LiveProviderTests;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Against a real Fly organization: {@code FLY_API_TOKEN=… FLY_APP=<an existing app> ./mvnw -Plive -pl
 * ex-atlas-spring-boot-autoconfigure test}. The spawn check creates the smallest shared-CPU machine running nginx
 * and destroys it.
 */
@EnabledIfEnvironmentVariable(named = "FLY_API_TOKEN", matches = ".+")
@EnabledIfEnvironmentVariable(named = "FLY_APP", matches = ".+")
class FlyMachinesLiveTests extends LiveProviderTests {

	@Override
	protected String provider() {
		return FlyMachinesTranslator.PROVIDER;
	}

	@Override
	protected Class<?> autoConfiguration() {
		return FlyMachinesAutoConfiguration.class;
	}

	@Override
	protected String[] properties() {
		return new String[] { "exatlas.providers.fly.app=${FLY_APP}" };
	}

	@Override
	protected ComputeRequest spawnRequest() {
		return ComputeRequest.builder().image("nginx:alpine").httpPort(80).build();
	}

}
