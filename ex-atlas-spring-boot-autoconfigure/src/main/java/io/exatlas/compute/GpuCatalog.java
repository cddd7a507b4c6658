package io.exatlas.compute;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.exatlas.ExAtlasException;

/**
 * Maps canonical GPU ids (e.g. {@code h100}) to each provider's native id (e.g. RunPod's
 * {@code NVIDIA H100 80GB HBM3}). The built-in table covers the common GPUs; applications add or override entries
 * with {@code exatlas.gpu-catalog.<canonical>.<provider>=<native id>}.
 * <p>
 * Instances are immutable and safe to share.
 */
public final class GpuCatalog {

	private final Map<String, Map<String, String>> byProvider;

	private final Map<String, Map<String, String>> reverse;

	private GpuCatalog(Map<String, Map<String, String>> byProvider) {
		Map<String, Map<String, String>> forward = new TreeMap<>();
		Map<String, Map<String, String>> backward = new TreeMap<>();
		byProvider.forEach((provider, entries) -> {
			forward.put(provider, Collections.unmodifiableMap(new TreeMap<>(entries)));
			Map<String, String> nativeToCanonical = new LinkedHashMap<>();
			entries.forEach((canonical, nativeId) -> nativeToCanonical.putIfAbsent(nativeId, canonical));
			backward.put(provider, Collections.unmodifiableMap(nativeToCanonical));
		});
		this.byProvider = Collections.unmodifiableMap(forward);
		this.reverse = Collections.unmodifiableMap(backward);
	}

	/**
	 * A catalog with exactly the given entries (to replace the built-in table entirely).
	 * @param byProvider provider id → canonical id → native id
	 * @return the catalog
	 */
	public static GpuCatalog of(Map<String, Map<String, String>> byProvider) {
		return new GpuCatalog(byProvider);
	}

	/**
	 * The built-in table.
	 * @return the catalog
	 */
	public static GpuCatalog builtIn() {
		Map<String, Map<String, String>> table = new LinkedHashMap<>();
		table.put("runpod", map("h200", "NVIDIA H200", "h100", "NVIDIA H100 80GB HBM3", "h100_pcie",
				"NVIDIA H100 PCIe", "h100_nvl", "NVIDIA H100 NVL", "b200", "NVIDIA B200", "a100_80g",
				"NVIDIA A100 80GB PCIe", "a100_80g_sxm", "NVIDIA A100-SXM4-80GB", "a100_40g", "NVIDIA A100-SXM4-40GB",
				"l40s", "NVIDIA L40S", "l40", "NVIDIA L40", "l4", "NVIDIA L4", "a6000", "NVIDIA RTX A6000", "a5000",
				"NVIDIA RTX A5000", "a4000", "NVIDIA RTX A4000", "rtx_6000_ada", "NVIDIA RTX 6000 Ada Generation",
				"rtx_4090", "NVIDIA GeForce RTX 4090", "rtx_3090", "NVIDIA GeForce RTX 3090", "mi300x",
				"AMD Instinct MI300X OAM"));
		table.put("lambda-labs", map("h100", "gpu_1x_h100_pcie", "h100_sxm", "gpu_1x_h100_sxm5", "gh200",
				"gpu_1x_gh200", "a100_80g", "gpu_1x_a100_sxm4_80gb", "a100_40g", "gpu_1x_a100_sxm4", "a10",
				"gpu_1x_a10", "a6000", "gpu_1x_a6000", "rtx_6000", "gpu_1x_rtx_6000"));
		table.put("vast", map("h200", "H200", "h100", "H100 SXM", "h100_pcie", "H100 PCIE", "h100_nvl", "H100 NVL",
				"a100_80g", "A100 SXM4", "a100_40g", "A100 PCIE", "l40s", "L40S", "a6000", "RTX A6000", "rtx_4090",
				"RTX 4090", "rtx_3090", "RTX 3090"));
		// Fly.io withdrew GPU machines on 2026-08-01: its catalog is empty on purpose.
		table.put("fly", Map.of());
		return new GpuCatalog(table);
	}

	/**
	 * A catalog with this one's entries plus the given ones (which win on a clash).
	 * @param additions canonical id → provider id → native id
	 * @return the merged catalog
	 */
	public GpuCatalog with(Map<String, Map<String, String>> additions) {
		Map<String, Map<String, String>> merged = new LinkedHashMap<>();
		this.byProvider.forEach((provider, entries) -> merged.put(provider, new LinkedHashMap<>(entries)));
		additions.forEach((canonical, perProvider) -> perProvider.forEach((provider, nativeId) -> {
			String key = canonical.trim().toLowerCase(java.util.Locale.ROOT);
			merged.computeIfAbsent(provider, (p) -> new LinkedHashMap<>()).put(key, nativeId);
		}));
		return new GpuCatalog(merged);
	}

	/**
	 * The native id of a GPU on a provider.
	 * @param canonicalId the canonical id
	 * @param provider the provider id
	 * @return the native id, if the provider offers the GPU
	 */
	public Optional<String> nativeId(String canonicalId, String provider) {
		return Optional.ofNullable(this.byProvider.getOrDefault(provider, Map.of()).get(canonicalId));
	}

	/**
	 * The native id of a GPU on a provider, failing when it is not offered.
	 * @param canonicalId the canonical id
	 * @param provider the provider id
	 * @return the native id
	 * @throws ExAtlasException of kind {@code VALIDATION} naming the GPU and the provider
	 */
	public String requireNativeId(String canonicalId, String provider) {
		return nativeId(canonicalId, provider).orElseThrow(() -> ExAtlasException.validation(provider,
				"GPU '" + canonicalId + "' is not offered by provider '" + provider + "'; known GPUs for " + provider
						+ ": " + supportedBy(provider)
						+ " (add one with exatlas.gpu-catalog." + canonicalId + "." + provider + "=<native id>)"));
	}

	/**
	 * The canonical id of a provider's native GPU id.
	 * @param provider the provider id
	 * @param nativeId the native id
	 * @return the canonical id, if catalogued
	 */
	public Optional<String> canonicalId(String provider, String nativeId) {
		return Optional.ofNullable(this.reverse.getOrDefault(provider, Map.of()).get(nativeId));
	}

	/**
	 * The canonical ids a provider offers.
	 * @param provider the provider id
	 * @return sorted canonical ids (empty for an unknown provider)
	 */
	public Set<String> supportedBy(String provider) {
		return Collections.unmodifiableSet(new TreeSet<>(this.byProvider.getOrDefault(provider, Map.of()).keySet()));
	}

	/**
	 * Every canonical id any provider offers.
	 * @return sorted, de-duplicated canonical ids
	 */
	public Set<String> canonicalIds() {
		Set<String> all = new TreeSet<>();
		this.byProvider.values().forEach((entries) -> all.addAll(entries.keySet()));
		return Collections.unmodifiableSet(all);
	}

	/**
	 * Whether any provider offers the GPU.
	 * @param canonicalId the canonical id
	 * @return whether it is catalogued
	 */
	public boolean isKnown(String canonicalId) {
		return this.byProvider.values().stream().anyMatch((entries) -> entries.containsKey(canonicalId));
	}

	private static Map<String, String> map(String... pairs) {
		Map<String, String> map = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			map.put(pairs[i], pairs[i + 1]);
		}
		return map;
	}

}
