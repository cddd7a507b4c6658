package io.exatlas.placement.autoconfigure;

import java.math.BigDecimal;
import java.util.List;

import io.exatlas.compute.CloudType;
import io.exatlas.compute.ComputeRequest;
import io.exatlas.compute.GpuAvailability;
import io.exatlas.compute.Offer;
import io.exatlas.compute.autoconfigure.ExAtlasAutoConfiguration;
import io.exatlas.placement.ComputePlacement;
import io.exatlas.placement.OfferCache;
import io.exatlas.placement.OfferOrder;
import io.exatlas.placement.Placement;
import io.exatlas.placement.PlacementPolicy;
import io.exatlas.placement.ReactiveComputePlacement;
import io.exatlas.providers.mock.MockComputeProvider;
import io.exatlas.providers.mock.autoconfigure.MockProviderAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What placement configures: on by default over the registered providers, off on request, the application's own
 * offer order, and a start-up failure that names a property that cannot work.
 */
class PlacementAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ExAtlasAutoConfiguration.class, MockProviderAutoConfiguration.class,
				PlacementAutoConfiguration.class));

	@Test
	void placementIsThereAndPlacesOnTheMocksOffers() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(OfferCache.class)
				.hasSingleBean(ReactiveComputePlacement.class)
				.hasSingleBean(ComputePlacement.class);
			context.getBean(MockComputeProvider.class)
				.offers(List.of(new Offer("mock", "h100", "mock-h100", null, "mock-1", CloudType.ANY, false,
						new BigDecimal("1.99"), GpuAvailability.HIGH, null)));
			Placement placed = context.getBean(ComputePlacement.class)
				.place(ComputeRequest.builder().gpu("h100").image("busybox").build(), PlacementPolicy.defaults());
			assertThat(placed.compute().provider()).isEqualTo("mock");
			assertThat(placed.offer().region()).isEqualTo("mock-1");
			assertThat(context.getBean(OfferCache.class).status()).singleElement()
				.satisfies((status) -> assertThat(status.fetches()).isEqualTo(1));
		});
	}

	@Test
	void itCanBeSwitchedOffAndItsOrderReplaced() {
		this.runner.withPropertyValues("exatlas.placement.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(OfferCache.class)
				.doesNotHaveBean(ComputePlacement.class));
		OfferOrder mine = (a, b) -> 0;
		this.runner.withBean(OfferOrder.class, () -> mine)
			.run((context) -> assertThat(context).getBean(OfferOrder.class).isSameAs(mine));
	}

	@Test
	void aSettingThatCannotWorkFailsStartUpNamingIt() {
		this.runner.withPropertyValues("exatlas.placement.skip-ttl=0s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(BindValidationException.class)
				.hasMessageContaining("'skipTtl'")
				.hasMessageContaining("must be positive"));
		this.runner.withPropertyValues("exatlas.placement.offer-ttl-by-provider.vast=-1s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("offerTtlByProvider[vast]"));
		this.runner.withPropertyValues("exatlas.placement.offer-ttl-by-provider.runpod=5m")
			.run((context) -> assertThat(context.getBean(OfferCache.class).settings().ttl("runpod"))
				.hasMinutes(5));
	}

}
