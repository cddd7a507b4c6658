package com.example.tinycloud;

import io.exatlas.ErrorKind;
import io.exatlas.ExAtlasException;
import io.exatlas.compute.ComputeRequest;
import io.exatlas.orchestrator.ComputeOrchestrator;
import io.exatlas.orchestrator.SessionOptions;
import io.exatlas.orchestrator.TrackedSession;
import io.exatlas.spend.BillingPeriod;
import io.exatlas.spend.SpendAccounting;
import io.exatlas.spend.SpendScope;
import io.exatlas.test.autoconfigure.AutoConfigureMockExAtlas;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A user's application with the starter alone: sessions carry what they cost, a per-user budget from properties
 * refuses a user's spawn before anything is sent, and the {@code exatlas} health contributor is there.
 */
@SpringBootTest(properties = { "exatlas.orchestrator.enabled=true", "exatlas.providers.mock.offers[0].gpu=h100",
		"exatlas.providers.mock.offers[0].price-per-gpu-hour=3.00", "exatlas.admission.budgets[0].period=day",
		"exatlas.admission.budgets[0].limit=0", "exatlas.admission.budgets[0].per-user=true" })
@AutoConfigureMockExAtlas
class SpendAndHealthFromOutsideTests {

	@Autowired
	private ComputeOrchestrator orchestrator;

	@Autowired
	private SpendAccounting spend;

	@Autowired
	@Qualifier("exatlasHealthContributor")
	private CompositeHealthContributor health;

	@Test
	void aSpentBudgetRefusesAUsersSpawnWhileSessionsWithoutAUserAreBilled() {
		ComputeRequest request = ComputeRequest.builder().gpu("h100").gpuCount(2).image("vllm/vllm-openai:latest").build();
		assertThatExceptionOfType(ExAtlasException.class)
			.isThrownBy(() -> this.orchestrator.spawn(request, SessionOptions.forUser("outside-user")))
			.satisfies((ex) -> {
				assertThat(ex.kind()).isEqualTo(ErrorKind.REJECTED);
				assertThat(ex.code()).hasValue("budget");
			});
		TrackedSession session = this.orchestrator.spawn(request, SessionOptions.defaults());
		assertThat(session.spend().pricePerHour()).isEqualByComparingTo("6.00");
		assertThat(this.spend.burnRate(SpendScope.all())).isEqualByComparingTo("6.00");
		assertThat(this.spend.spent(SpendScope.user("outside-user"), BillingPeriod.DAY)).isZero();
		this.orchestrator.stopTracked(session.id());
	}

	@Test
	void theStartersHealthContributorIsThere() {
		HealthIndicator mock = (HealthIndicator) ((CompositeHealthContributor) this.health.getContributor("providers"))
			.getContributor("mock");
		assertThat(mock.health().getStatus()).isEqualTo(Status.UP);
	}

}
