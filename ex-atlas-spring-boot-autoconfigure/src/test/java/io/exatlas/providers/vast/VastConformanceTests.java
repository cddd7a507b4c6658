package io.exatlas.providers.vast;

import io.exatlas.compute.ComputeProvider;
import io.exatlas.test.conformance.ComputeProviderConformance;
import org.junit.jupiter.api.AfterAll;

class VastConformanceTests extends ComputeProviderConformance {

	private static final VastFixture FIXTURE = new VastFixture();

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
