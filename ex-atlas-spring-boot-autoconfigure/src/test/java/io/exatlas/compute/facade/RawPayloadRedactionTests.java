package io.exatlas.compute.facade;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.exatlas.Secret;
import io.exatlas.compute.Compute;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The library's secrets come out of raw payloads in each shape clouds echo an environment in; the caller's own
 * values and everything else stay as the cloud returned them.
 */
class RawPayloadRedactionTests {

	private static final String TOKEN = "tok_3kq9ZxV7b2pL0mN4rT8wY1cF6hJ5sD";

	private static Compute withRaw(Map<String, Object> raw) {
		return Compute.builder("pod-1", "runpod").raw(raw).build();
	}

	@Test
	void anEnvironmentObjectLosesTheLibrarysValuesOnly() {
		Compute compute = withRaw(Map.of("id", "pod-1", "env",
				Map.of("ATLAS_PRESHARED_KEY", TOKEN, "ATLAS_SIGNING_SECRET", TOKEN, "HF_TOKEN", "hf_mine")));
		Map<String, Object> raw = RawPayloadRedaction.redact(compute).raw();
		assertThat(raw).containsEntry("id", "pod-1");
		assertThat(raw.get("env")).isEqualTo(
				Map.of("ATLAS_PRESHARED_KEY", "REDACTED", "ATLAS_SIGNING_SECRET", "REDACTED", "HF_TOKEN", "hf_mine"));
	}

	@Test
	void assignmentsKeyValueEntriesAndPairsAreRedacted() {
		Map<String, Object> raw = new LinkedHashMap<>();
		raw.put("env", List.of("ATLAS_PRESHARED_KEY=" + TOKEN, "MODE=fast"));
		raw.put("input", Map.of("env", List.of(Map.of("key", "ATLAS_SIGNING_SECRET", "value", TOKEN),
				Map.of("key", "PORT", "value", "8000"))));
		raw.put("extra_env", List.of(List.of("ATLAS_PRESHARED_KEY", TOKEN), List.of("-p 8000:8000", "1")));
		raw.put("args", "-e ATLAS_PRESHARED_KEY=" + TOKEN + " -e MODE=fast");
		Map<String, Object> redacted = RawPayloadRedaction.redact(withRaw(raw)).raw();
		assertThat(redacted.toString()).doesNotContain(TOKEN);
		assertThat(redacted.get("env")).isEqualTo(List.of("ATLAS_PRESHARED_KEY=REDACTED", "MODE=fast"));
		assertThat(redacted.get("input")).isEqualTo(Map.of("env", List.of(
				Map.of("key", "ATLAS_SIGNING_SECRET", "value", "REDACTED"), Map.of("key", "PORT", "value", "8000"))));
		assertThat(redacted.get("extra_env"))
			.isEqualTo(List.of(List.of("ATLAS_PRESHARED_KEY", "REDACTED"), List.of("-p 8000:8000", "1")));
		assertThat(redacted.get("args")).isEqualTo("-e ATLAS_PRESHARED_KEY=REDACTED -e MODE=fast");
	}

	@Test
	void theSecretGeneratedForASpawnGoesWhereverItAppears() {
		String cloudInit = "#cloud-config\nruncmd:\n- - docker\n  - --env\n  - \"ATLAS_PRESHARED_KEY=" + TOKEN
				+ "\"\n  - image\n";
		Compute compute = withRaw(Map.of("user_data", cloudInit, "note", "token " + TOKEN + " echoed"));
		Map<String, Object> raw = RawPayloadRedaction.redact(compute, Secret.of(TOKEN)).raw();
		assertThat(raw.toString()).doesNotContain(TOKEN);
		assertThat(raw.get("user_data")).asString().contains("ATLAS_PRESHARED_KEY=REDACTED").contains("- image");
		assertThat(raw.get("note")).isEqualTo("token REDACTED echoed");
	}

	@Test
	void aPayloadWithoutTheLibrarysSecretsIsReturnedAsItIs() {
		Compute compute = withRaw(Map.of("env", Map.of("HF_TOKEN", "hf_mine"), "ports", List.of(8000),
				"name", "atlas-ATLAS_PRESHARED_KEY-like", "gpus", 2));
		assertThat(RawPayloadRedaction.redact(compute, Secret.of(TOKEN))).isSameAs(compute);
		assertThat(RawPayloadRedaction.redact(withRaw(Map.of()))).extracting(Compute::raw).isEqualTo(Map.of());
	}

}
