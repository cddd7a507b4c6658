package io.exatlas.providers.vast;

import io.exatlas.test.conformance.ProviderFaultConformance;

class VastFaultTests extends ProviderFaultConformance {

	@Override
	protected FaultTarget createTarget() {
		VastFixture fixture = new VastFixture(READ_TIMEOUT);
		return new FaultTarget(fixture.provider, fixture.fake, fixture.clients,
				new Endpoint("PUT", "/api/v0/asks/\\d+/?"), new Endpoint("GET", "/api/v0/instances/\\d+/?"), fixture);
	}

}
