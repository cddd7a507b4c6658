package io.exatlas.providers.lambda;

import io.exatlas.compute.ComputeProvider;
import io.exatlas.test.conformance.ComputeProviderConformance;
import org.junit.jupiter.api.AfterAll;

class LambdaLabsConformanceTests extends ComputeProviderConformance {

	private static final LambdaLabsFixture FIXTURE = new LambdaLabsFixture();

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
