package io.exatlas.providers.fly.internal;

import java.util.List;
import java.util.Map;

import io.exatlas.compute.PortSpec;
import io.exatlas.providers.fly.internal.FlyMachinesTranslator.Guest;
import org.jspecify.annotations.Nullable;

/**
 * A spawn request translated once for Fly's create-machine API and validated (by
 * {@link FlyMachinesTranslator#spec}).
 *
 * @param app the app the machine is created in
 * @param name the machine's name, or {@code null}
 * @param region the region, or {@code null} for Fly's choice
 * @param skipLaunch whether to create the machine without starting it
 * @param image the image
 * @param env the environment
 * @param guest the machine's size
 * @param ports the exposed ports
 * @param volumeId the Fly volume to mount, or {@code null}
 * @param restartPolicy the restart policy, or {@code null}
 * @param autoDestroy whether the machine destroys itself when it exits, or {@code null}
 * @param init the init settings (passed through), or {@code null}
 */
public record FlyMachineSpec(String app, @Nullable String name, @Nullable String region, boolean skipLaunch,
		String image, Map<String, String> env, Guest guest, List<PortSpec> ports, @Nullable String volumeId,
		@Nullable String restartPolicy, @Nullable Boolean autoDestroy, @Nullable Object init) {

	@Override
	public String toString() {
		return "FlyMachineSpec[app=" + this.app + ", name=" + this.name + ", region=" + this.region + ", guest="
				+ this.guest + ", env=" + this.env.keySet() + "]";
	}

}
