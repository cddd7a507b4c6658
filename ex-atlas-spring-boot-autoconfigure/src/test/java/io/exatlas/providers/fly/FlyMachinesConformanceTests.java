package io.exatlas.providers.fly;

import io.exatlas.compute.ComputeProvider;
import io.exatlas.compute.ComputeRequest;
import io.exatlas.test.conformance.ComputeProviderConformance;
import org.junit.jupiter.api.AfterAll;

class FlyMachinesConformanceTests extends ComputeProviderConformance {

	private static final FlyMachinesFixture FIXTURE = new FlyMachinesFixture();

	@Override
	protected ComputeProvider provider() {
		return FIXTURE.provider;
	}

	@Override
	protected ComputeRequest.Builder spawnRequest() {
		return ComputeRequest.builder().image("test/image:latest").httpPort(8000);
	}

	@Override
	protected void reset() {
		FIXTURE.fake.reset();
	}

	@AfterAll
	static void stop() {
		FIXTURE.close();
	}

}
