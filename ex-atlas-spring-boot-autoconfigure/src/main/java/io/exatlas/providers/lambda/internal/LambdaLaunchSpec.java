package io.exatlas.providers.lambda.internal;

import java.util.List;
import java.util.Map;

import io.exatlas.compute.PortSpec;
import org.jspecify.annotations.Nullable;

/**
 * A spawn request translated once for Lambda's launch API and validated (by {@link LambdaLabsTranslator#spec}):
 * the launch body is built from it once the live listing has chosen the instance type and the region.
 *
 * @param name the instance's name
 * @param instanceTypeName the instance type wanted, checked against the live listing before the launch
 * @param regionHints the acceptable regions, in order of preference (empty: any with capacity)
 * @param sshKeyName the one SSH key Lambda requires
 * @param fileSystemNames the file systems to attach
 * @param passThrough provider options copied to the body under Lambda's field names
 * @param userData the cloud-init document (generated for an image, or the caller's), or {@code null}
 * @param ports the exposed ports, kept in a tag so that reads report them
 * @param image the container image, kept in a tag when it fits, or {@code null}
 */
public record LambdaLaunchSpec(String name, String instanceTypeName, List<String> regionHints, String sshKeyName,
		List<String> fileSystemNames, Map<String, Object> passThrough, @Nullable String userData, List<PortSpec> ports,
		@Nullable String image) {

	@Override
	public String toString() {
		return "LambdaLaunchSpec[name=" + this.name + ", instanceType=" + this.instanceTypeName + ", regions="
				+ this.regionHints + ", options=" + this.passThrough.keySet() + "]";
	}

}
