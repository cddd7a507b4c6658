package io.exatlas.providers.vast;

import java.time.Duration;

import io.exatlas.compute.GpuCatalog;
import io.exatlas.providers.vast.internal.VastTranslator;
import io.exatlas.test.fake.TestProviderClients;

/**
 * A Vast provider wired to a {@link FakeVast}, trying up to three offers per spawn.
 */
final class VastFixture implements AutoCloseable {

	final FakeVast fake = new FakeVast();

	final TestProviderClients clients = new TestProviderClients();

	final VastComputeProvider provider;

	VastFixture() {
		this(Duration.ofSeconds(5));
	}

	VastFixture(Duration readTimeout) {
		this.provider = new VastComputeProvider(
				new VastClient(this.clients.client(VastTranslator.PROVIDER, this.fake.baseUrl(), readTimeout, FakeVast.KEY)
					.errorDecoder(VastTranslator.ERROR_DECODER)
					.build()),
				GpuCatalog.builtIn(), 20, 3);
	}

	@Override
	public void close() {
		this.fake.close();
	}

}
