package io.exatlas.providers.lambda;

import io.exatlas.test.conformance.ProviderFaultConformance;

class LambdaLabsFaultTests extends ProviderFaultConformance {

	@Override
	protected FaultTarget createTarget() {
		LambdaLabsFixture fixture = new LambdaLabsFixture(READ_TIMEOUT);
		return new FaultTarget(fixture.provider, fixture.fake, fixture.clients,
				new Endpoint("POST", "/api/v1/instance-operations/launch"),
				new Endpoint("GET", "/api/v1/instances/[^/]+"), fixture);
	}

}
