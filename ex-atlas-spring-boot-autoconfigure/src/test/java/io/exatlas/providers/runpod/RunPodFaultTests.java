package io.exatlas.providers.runpod;

import io.exatlas.test.conformance.ProviderFaultConformance;

class RunPodFaultTests extends ProviderFaultConformance {

	@Override
	protected FaultTarget createTarget() {
		RunPodFixture fixture = new RunPodFixture(READ_TIMEOUT);
		return new FaultTarget(fixture.provider, fixture.fake, fixture.clients,
				new Endpoint("POST", "/v2/pods"), new Endpoint("GET", "/v2/pods/[^/?]+"), fixture);
	}

}
