package io.exatlas.providers.lambda;

import io.exatlas.compute.ComputeRequest;
import io.exatlas.providers.lambda.autoconfigure.LambdaLabsAutoConfiguration;
import io.exatlas.providers.lambda.internal.LambdaLabsTranslator;
import io.exatlas.support.LiveProviderTests;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Against a real Lambda account: {@code LAMBDA_LABS_API_KEY=… LAMBDA_LABS_SSH_KEY=<key name> ./mvnw -Plive -pl
 * ex-atlas-spring-boot-autoconfigure test}. The spawn check launches one A10 instance and terminates it.
 */
@EnabledIfEnvironmentVariable(named = "LAMBDA_LABS_API_KEY", matches = ".+")
class LambdaLabsLiveTests extends LiveProviderTests {

	@Override
	protected String provider() {
		return LambdaLabsTranslator.PROVIDER;
	}

	@Override
	protected Class<?> autoConfiguration() {
		return LambdaLabsAutoConfiguration.class;
	}

	@Override
	protected String[] properties() {
		return new String[] { "exatlas.providers.lambda-labs.ssh-key-name=${LAMBDA_LABS_SSH_KEY:}" };
	}

	@Override
	protected ComputeRequest spawnRequest() {
		return ComputeRequest.builder().gpu("a10").build();
	}

}
