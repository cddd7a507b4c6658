package io.exatlas.providers.runpod;

import io.exatlas.compute.ComputeProvider;
import io.exatlas.test.conformance.ComputeProviderConformance;
import org.junit.jupiter.api.AfterAll;

class RunPodConformanceTests extends ComputeProviderConformance {

	private static final RunPodFixture FIXTURE = new RunPodFixture();

	@Override
	protected ComputeProvider provider() {
		return FIXTURE.provider;
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
