package io.exatlas;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExAtlasExceptionTests {

	@Test
	void messageNamesProviderKindStatusAndDetailLikeTheReference() {
		ExAtlasException ex = ExAtlasException.builder(ErrorKind.UNAUTHORIZED)
			.provider("runpod")
			.status(401)
			.message("bad key")
			.build();
		assertThat(ex).hasMessage("[runpod] unauthorized (HTTP 401): bad key");
		assertThat(ex.kind()).isEqualTo(ErrorKind.UNAUTHORIZED);
		assertThat(ex.provider()).contains("runpod");
		assertThat(ex.status()).hasValue(401);
		assertThat(ex.detail()).contains("bad key");
	}

	@Test
	void messageWithoutProviderStatusOrDetail() {
		assertThat(ExAtlasException.builder(ErrorKind.UNKNOWN).build()).hasMessage("[exatlas] unknown: no message");
	}

	@Test
	void transientKinds() {
		assertThat(ExAtlasException.builder(ErrorKind.RATE_LIMITED).build().isTransient()).isTrue();
		assertThat(ExAtlasException.builder(ErrorKind.TRANSPORT).build().isTransient()).isTrue();
		assertThat(ExAtlasException.builder(ErrorKind.PROVIDER).status(503).build().isTransient()).isTrue();
		assertThat(ExAtlasException.builder(ErrorKind.PROVIDER).status(400).build().isTransient()).isFalse();
		assertThat(ExAtlasException.validation("x").isTransient()).isFalse();
	}

	@Test
	void carriesRetryAfterAndReason() {
		ExAtlasException ex = ExAtlasException.builder(ErrorKind.PROVIDER)
			.retryAfter(Duration.ofSeconds(5))
			.reason(ErrorReason.INSUFFICIENT_CAPACITY)
			.code("instance-operations/launch/insufficient-capacity")
			.build();
		assertThat(ex.retryAfter()).contains(Duration.ofSeconds(5));
		assertThat(ex.reason()).contains(ErrorReason.INSUFFICIENT_CAPACITY);
		assertThat(ex.code()).contains("instance-operations/launch/insufficient-capacity");
	}

	@Test
	void secretsNeverPrintTheirValue() {
		Secret secret = Secret.of("rp_live_1234567890");
		assertThat(secret.toString()).doesNotContain("1234567890");
		assertThat(String.valueOf(secret)).isEqualTo("******");
		assertThat(secret.reveal()).isEqualTo("rp_live_1234567890");
		assertThat(secret).isEqualTo(Secret.of("rp_live_1234567890")).isNotEqualTo(Secret.of("other"));
		assertThat(Secret.ofNullable(" ")).isNull();
	}

}
