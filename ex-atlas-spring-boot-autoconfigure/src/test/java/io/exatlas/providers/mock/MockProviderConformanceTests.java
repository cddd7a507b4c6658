package io.exatlas.providers.mock;

import java.time.Clock;
import java.time.Duration;

import io.exatlas.compute.ComputeProvider;
import io.exatlas.compute.GpuCatalog;
import io.exatlas.test.conformance.ComputeProviderConformance;
import reactor.core.scheduler.Schedulers;

class MockProviderConformanceTests extends ComputeProviderConformance {

	private final MockComputeProvider mock = new MockComputeProvider(GpuCatalog.builtIn(), Clock.systemUTC(),
			Schedulers.immediate(), Duration.ZERO, 3);

	@Override
	protected ComputeProvider provider() {
		return this.mock;
	}

	@Override
	protected void reset() {
		this.mock.reset();
	}

}
