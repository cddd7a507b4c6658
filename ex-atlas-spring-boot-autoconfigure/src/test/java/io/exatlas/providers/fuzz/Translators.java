package io.exatlas.providers.fuzz;

import io.exatlas.compute.GpuCatalog;
import io.exatlas.providers.fly.internal.FlyMachinesTranslator;
import io.exatlas.providers.lambda.internal.LambdaLabsTranslator;
import io.exatlas.providers.runpod.internal.RunPodPodTranslator;
import io.exatlas.providers.runpod.internal.RunPodSpotTranslator;
import io.exatlas.providers.vast.internal.VastTranslator;

/**
 * The translators the fuzz tests feed, configured as the auto-configuration does by default.
 */
final class Translators {

	final RunPodPodTranslator runPod = new RunPodPodTranslator(GpuCatalog.builtIn(), "/workspace", "/runpod-volume");

	final RunPodSpotTranslator spot = new RunPodSpotTranslator(GpuCatalog.builtIn(), "/workspace");

	final LambdaLabsTranslator lambda = new LambdaLabsTranslator(GpuCatalog.builtIn(), "my-key");

	final VastTranslator vast = new VastTranslator(GpuCatalog.builtIn(), 40);

	final FlyMachinesTranslator fly = new FlyMachinesTranslator("my-app",
			new FlyMachinesTranslator.Guest("shared", 1, 256), "/data");

}
