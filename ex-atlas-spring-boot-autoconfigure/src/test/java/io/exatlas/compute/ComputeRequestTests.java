package io.exatlas.compute;

import java.time.Duration;
import java.util.Map;

import io.exatlas.ErrorKind;
import io.exatlas.ExAtlasException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ComputeRequestTests {

	@Test
	void defaults() {
		ComputeRequest request = ComputeRequest.builder().gpu("h100").build();
		assertThat(request.gpuCount()).isEqualTo(1);
		assertThat(request.cloudType()).isEqualTo(CloudType.ANY);
		assertThat(request.spot()).isFalse();
		assertThat(request.auth()).isEqualTo(AuthMode.NONE);
		assertThat(request.ports()).isEmpty();
		assertThat(request.env()).isEmpty();
		assertThat(request.providerOptions()).isEmpty();
	}

	@Test
	void gpuIsNormalizedToTheCanonicalLowerCaseForm() {
		assertThat(ComputeRequest.builder().gpu(" H100 ").build().gpu()).isEqualTo("h100");
	}

	@Test
	void aCpuOnlyRequestHasNoGpu() {
		assertThat(ComputeRequest.builder().image("nginx").build().gpu()).isNull();
	}

	@Test
	void invalidInputIsAValidationError() {
		assertValidation(() -> ComputeRequest.builder().gpu("h100").gpuCount(0).build(), "gpuCount");
		assertValidation(() -> ComputeRequest.builder().gpu("h100").image("  ").build(), "image");
		assertValidation(() -> ComputeRequest.builder().gpu(" ").build(), "gpu");
		assertValidation(() -> ComputeRequest.builder().httpPort(0).build(), "port 0");
		assertValidation(() -> ComputeRequest.builder().tcpPort(65536).build(), "port 65536");
		assertValidation(() -> ComputeRequest.builder().httpPort(8000).tcpPort(8000).build(), "listed twice");
		assertValidation(() -> ComputeRequest.builder().volumeGb(-1).build(), "volumeGb");
		assertValidation(() -> ComputeRequest.builder().containerDiskGb(-5).build(), "containerDiskGb");
		assertValidation(() -> ComputeRequest.builder().env("1BAD", "x").build(), "1BAD");
		assertValidation(() -> ComputeRequest.builder().env("HAS SPACE", "x").build(), "HAS SPACE");
		assertValidation(() -> ComputeRequest.builder().name("").build(), "name");
		assertValidation(() -> ComputeRequest.builder().regionHints("us", " ").build(), "regionHints");
		assertValidation(() -> ComputeRequest.builder().idleTtl(Duration.ZERO).build(), "idleTtl");
		assertValidation(() -> ComputeRequest.builder().providerOption(" ", 1).build(), "providerOptions");
	}

	@Test
	void collectionsAreImmutableCopies() {
		ComputeRequest request = ComputeRequest.builder().env("A", "1").regionHints("EU-RO-1").httpPort(80).build();
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> request.env().put("B", "2"));
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> request.ports().add(PortSpec.tcp(22)));
		assertThat(request.toBuilder().env("B", "2").build().env()).containsOnlyKeys("A", "B");
		assertThat(request.env()).containsOnlyKeys("A");
	}

	@Test
	void toStringShowsNoEnvironmentOrOptionValues() {
		ComputeRequest request = ComputeRequest.builder()
			.gpu("h100")
			.env("HF_TOKEN", "hf_secret_value")
			.providerOption("image_login", "docker-password")
			.build();
		assertThat(request.toString()).contains("HF_TOKEN", "image_login")
			.doesNotContain("hf_secret_value", "docker-password");
	}

	@Test
	void jobRequestValidation() {
		assertValidation(() -> new JobRequest("ep", null, JobMode.ASYNC, null, null, Map.of(), Map.of()), "input");
		assertValidation(() -> JobRequest.builder("x").timeout(Duration.ofSeconds(-1)).build(), "timeout");
		assertValidation(() -> JobRequest.builder("x").endpoint(" ").build(), "endpoint");
		JobRequest request = JobRequest.builder(Map.of("prompt", "hi")).endpoint("ep").build();
		assertThat(request.mode()).isEqualTo(JobMode.ASYNC);
		assertThat(request.timeout()).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void portSpecTextForm() {
		assertThat(PortSpec.http(8000)).hasToString("8000/http");
		assertThat(PortSpec.tcp(22)).hasToString("22/tcp");
	}

	private static void assertValidation(ThrowingCallable call, String mentioned) {
		assertThatExceptionOfType(ExAtlasException.class).isThrownBy(call).satisfies((ex) -> {
			assertThat(ex.kind()).isEqualTo(ErrorKind.VALIDATION);
			assertThat(ex.getMessage()).contains(mentioned);
		});
	}

}
