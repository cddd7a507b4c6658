package io.exatlas.providers.fly;

import io.exatlas.compute.ComputeRequest;
import io.exatlas.test.conformance.ProviderFaultConformance;

class FlyMachinesFaultTests extends ProviderFaultConformance {

	@Override
	protected FaultTarget createTarget() {
		FlyMachinesFixture fixture = new FlyMachinesFixture(READ_TIMEOUT);
		return new FaultTarget(fixture.provider, fixture.fake, fixture.clients,
				new Endpoint("POST", "/v1/apps/[^/]+/machines"), new Endpoint("GET", "/v1/apps/[^/]+/machines/[^/]+"), fixture);
	}

	@Override
	protected ComputeRequest.Builder spawnRequest() {
		return ComputeRequest.builder().image("test/image:latest").httpPort(8000);
	}

}
