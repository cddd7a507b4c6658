package io.exatlas.providers.fly;

import java.time.Duration;

import io.exatlas.fly.FlyAuthorization;
import io.exatlas.providers.fly.internal.FlyMachinesTranslator;
import io.exatlas.test.fake.TestProviderClients;

/**
 * A Fly Machines provider wired to a {@link FakeFlyMachines} with {@link FakeFlyMachines#APP} as the default app.
 */
final class FlyMachinesFixture implements AutoCloseable {

	final FakeFlyMachines fake = new FakeFlyMachines();

	final TestProviderClients clients = new TestProviderClients();

	private final Duration readTimeout;

	final FlyMachinesComputeProvider provider;

	FlyMachinesFixture() {
		this(Duration.ofSeconds(5));
	}

	FlyMachinesFixture(Duration readTimeout) {
		this.readTimeout = readTimeout;
		this.provider = provider(FakeFlyMachines.TOKEN, null);
	}

	FlyMachinesComputeProvider provider(String token, Duration waitOnSpawn) {
		return new FlyMachinesComputeProvider(
				new FlyMachinesClient(this.clients.client(FlyMachinesTranslator.PROVIDER, this.fake.baseUrl(), this.readTimeout,
						token)
					.authentication(FlyAuthorization.requestAuthentication())
					.errorDecoder(FlyMachinesTranslator.ERROR_DECODER)
					.build()),
				FakeFlyMachines.APP, new FlyGuest("shared", 1, 256), "/data", waitOnSpawn);
	}

	@Override
	public void close() {
		this.fake.close();
	}

}
