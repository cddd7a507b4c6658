package io.exatlas.providers.runpod.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import io.exatlas.compute.CloudType;
import io.exatlas.compute.PortSpec;
import org.jspecify.annotations.Nullable;

/**
 * A spawn request translated once for RunPod and validated: everything RunPod would reject was rejected while
 * building it (by {@link RunPodPodTranslator#spec}), and both wire bodies, the REST create and the GraphQL spot
 * rent, are built from it.
 *
 * @param name the pod's name
 * @param image the container image, or {@code null} when a template supplies it
 * @param templateId the template, or {@code null}
 * @param gpuTypeId RunPod's GPU type id, or {@code null} for a CPU pod
 * @param gpuCount the number of GPUs
 * @param cloudType secure, community or any
 * @param dataCenterIds the allowed data centers, in order of preference
 * @param containerDiskGb the container disk, or {@code null} for RunPod's default
 * @param volumeGb the persistent volume, or {@code null}
 * @param networkVolumeId the network volume to mount, or {@code null}
 * @param env the caller's environment (the spawn token is added per attempt)
 * @param ports the exposed ports
 * @param options the provider options the chosen API accepts
 * @param spot whether the pod is an interruptible (spot) pod
 * @param bidPerGpu the spot bid per GPU-hour the caller set, or {@code null} for the current minimum
 */
public record RunPodPodSpec(String name, @Nullable String image, @Nullable String templateId,
		@Nullable String gpuTypeId, int gpuCount, CloudType cloudType, List<String> dataCenterIds,
		@Nullable Integer containerDiskGb, @Nullable Integer volumeGb, @Nullable String networkVolumeId,
		Map<String, String> env, List<PortSpec> ports, Map<String, Object> options, boolean spot,
		@Nullable BigDecimal bidPerGpu) {

	@Override
	public String toString() {
		return "RunPodPodSpec[name=" + this.name + ", gpuTypeId=" + this.gpuTypeId + ", gpuCount=" + this.gpuCount
				+ ", spot=" + this.spot + ", env=" + this.env.keySet() + ", options=" + this.options.keySet() + "]";
	}

}
