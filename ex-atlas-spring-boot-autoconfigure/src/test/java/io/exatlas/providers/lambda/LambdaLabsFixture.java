package io.exatlas.providers.lambda;

import java.time.Duration;

import io.exatlas.compute.GpuCatalog;
import io.exatlas.providers.lambda.internal.LambdaLabsTranslator;
import io.exatlas.test.fake.TestProviderClients;

/**
 * A Lambda provider wired to a {@link FakeLambda} with the fake's SSH key as the default.
 */
final class LambdaLabsFixture implements AutoCloseable {

	final FakeLambda fake = new FakeLambda();

	final TestProviderClients clients = new TestProviderClients();

	final LambdaLabsComputeProvider provider;

	LambdaLabsFixture() {
		this(Duration.ofSeconds(5));
	}

	LambdaLabsFixture(Duration readTimeout) {
		this.provider = new LambdaLabsComputeProvider(
				new LambdaLabsClient(this.clients.client(LambdaLabsTranslator.PROVIDER, this.fake.baseUrl(), readTimeout,
						FakeLambda.KEY).errorDecoder(LambdaLabsTranslator.ERROR_DECODER).build()),
				GpuCatalog.builtIn(), FakeLambda.SSH_KEY);
	}

	@Override
	public void close() {
		this.fake.close();
	}

}
