package com.example.tinycloud;

import java.time.Duration;

import io.exatlas.compute.ComputeProvider;
import io.exatlas.providers.http.ProviderApi;
import io.exatlas.test.conformance.ComputeProviderConformance;
import io.exatlas.test.fake.TestProviderClients;
import org.junit.jupiter.api.AfterAll;

/**
 * The user's provider against the provider conformance kit of {@code ex-atlas-spring-boot-test}.
 */
class TinyCloudConformanceTests extends ComputeProviderConformance {

	private static final FakeTinyCloud fake = new FakeTinyCloud();

	private static final TinyCloudProvider provider = new TinyCloudProvider(new TestProviderClients()
		.client(TinyCloudProvider.ID, ProviderApi.MANAGEMENT, fake.url(""), Duration.ofSeconds(5),
				FakeTinyCloud.KEY)
		.build());

	@AfterAll
	static void closeTheFake() {
		fake.close();
	}

	@Override
	protected ComputeProvider provider() {
		return provider;
	}

	@Override
	protected void reset() {
		fake.reset();
	}

}
