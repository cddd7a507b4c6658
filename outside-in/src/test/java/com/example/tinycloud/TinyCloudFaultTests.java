package com.example.tinycloud;

import io.exatlas.providers.http.ProviderApi;
import io.exatlas.test.conformance.ProviderFaultConformance;
import io.exatlas.test.fake.TestProviderClients;

/**
 * The user's provider against the fault kit of {@code ex-atlas-spring-boot-test}: transient statuses, resets, stalls,
 * malformed bodies and ambiguous creates, on a real local HTTP server.
 */
class TinyCloudFaultTests extends ProviderFaultConformance {

	@Override
	protected FaultTarget createTarget() {
		FakeTinyCloud fake = new FakeTinyCloud();
		TestProviderClients clients = new TestProviderClients();
		TinyCloudProvider provider = new TinyCloudProvider(
				clients.client(TinyCloudProvider.ID, ProviderApi.MANAGEMENT, fake.url(""), READ_TIMEOUT, FakeTinyCloud.KEY)
					.build());
		return new FaultTarget(provider, fake, clients, new Endpoint("POST", "/machines"),
				new Endpoint("GET", "/machines/[^/]+"), fake);
	}

}
