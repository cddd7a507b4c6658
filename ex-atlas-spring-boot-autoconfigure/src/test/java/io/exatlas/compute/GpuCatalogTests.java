package io.exatlas.compute;

import java.util.List;
import java.util.Map;

import io.exatlas.ErrorKind;
import io.exatlas.ExAtlasException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class GpuCatalogTests {

	private final GpuCatalog catalog = GpuCatalog.builtIn();

	@Test
	void mapsCanonicalIdsToNativeIds() {
		assertThat(this.catalog.nativeId("h100", "runpod")).contains("NVIDIA H100 80GB HBM3");
		assertThat(this.catalog.nativeId("h100", "lambda-labs")).contains("gpu_1x_h100_pcie");
		assertThat(this.catalog.nativeId("rtx_4090", "vast")).contains("RTX 4090");
		assertThat(this.catalog.nativeId("mi300x", "runpod")).contains("AMD Instinct MI300X OAM");
	}

	@Test
	void coversTheReferenceTable() {
		assertThat(this.catalog.canonicalIds()).contains("h200", "h100", "a100_80g", "a100_40g", "l40s", "l4", "a6000",
				"rtx_4090", "rtx_3090", "mi300x", "a10", "a4000", "a5000", "h100_pcie", "h100_sxm", "l40", "rtx_6000",
				"rtx_6000_ada");
		assertThat(this.catalog.supportedBy("runpod")).contains("h100", "rtx_4090");
		assertThat(List.copyOf(this.catalog.canonicalIds())).isSorted();
	}

	@Test
	void flyOffersNoGpusSinceAugust2026() {
		assertThat(this.catalog.supportedBy("fly")).isEmpty();
	}

	@Test
	void unknownGpuForAProviderIsAValidationErrorNamingBoth() {
		assertThatExceptionOfType(ExAtlasException.class)
			.isThrownBy(() -> this.catalog.requireNativeId("mi300x", "lambda-labs"))
			.satisfies((ex) -> {
				assertThat(ex.kind()).isEqualTo(ErrorKind.VALIDATION);
				assertThat(ex.getMessage()).contains("mi300x", "lambda-labs");
			});
		assertThat(this.catalog.supportedBy("nonexistent")).isEmpty();
	}

	@Test
	void reverseLookupFindsTheCanonicalId() {
		assertThat(this.catalog.canonicalId("runpod", "NVIDIA GeForce RTX 4090")).contains("rtx_4090");
		assertThat(this.catalog.canonicalId("runpod", "unknown")).isEmpty();
	}

	@Test
	void entriesCanBeAddedAndOverridden() {
		GpuCatalog extended = this.catalog
			.with(Map.of("B300", Map.of("runpod", "NVIDIA B300"), "h100", Map.of("vast", "H100 NVL")));
		assertThat(extended.nativeId("b300", "runpod")).contains("NVIDIA B300");
		assertThat(extended.nativeId("h100", "vast")).contains("H100 NVL");
		assertThat(extended.nativeId("h100", "runpod")).contains("NVIDIA H100 80GB HBM3");
		assertThat(this.catalog.isKnown("b300")).isFalse();
	}

}
