package io.exatlas.pacing.autoconfigure;

import java.time.Duration;

import io.exatlas.compute.autoconfigure.ExAtlasAutoConfiguration;
import io.exatlas.pacing.Pacer;
import io.exatlas.pacing.PacingRule;
import io.exatlas.pacing.PacingScope;
import io.exatlas.pacing.PacingSettings;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pacer every provider client waits on: the built-in rules by default, a rule overridden, switched off or added
 * by name, pacing switched off, and a start-up failure naming a rule that cannot work.
 */
class PacingAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PacingAutoConfiguration.class, ExAtlasAutoConfiguration.class));

	@Test
	void theBuiltInRulesPaceByDefault() {
		this.runner.run((context) -> assertThat(context.getBean(Pacer.class).settings())
			.isEqualTo(PacingSettings.DEFAULTS));
	}

	@Test
	void rulesAreOverriddenSwitchedOffAndAddedByName() {
		this.runner
			.withPropertyValues("exatlas.pacing.rules.lambda-labs.launch.limit=5",
					"exatlas.pacing.rules.lambda-labs.launch.period=60s",
					"exatlas.pacing.rules.fly.get-machine.enabled=false", "exatlas.pacing.rules.runpod.proxy.method=post",
					"exatlas.pacing.rules.runpod.proxy.path=/pods", "exatlas.pacing.rules.runpod.proxy.limit=10",
					"exatlas.pacing.rules.runpod.proxy.period=1m",
					"exatlas.pacing.max-wait=45s")
			.run((context) -> {
				PacingSettings settings = context.getBean(Pacer.class).settings();
				assertThat(settings.maxWait()).isEqualTo(Duration.ofSeconds(45));
				assertThat(settings.rules()).filteredOn((rule) -> rule.name().equals("lambda-labs.launch"))
					.singleElement()
					.satisfies((rule) -> {
						assertThat(rule.limit()).isEqualTo(5);
						assertThat(rule.period()).isEqualTo(Duration.ofMinutes(1));
						assertThat(rule.path()).isEqualTo("/instance-operations/launch");
					});
				assertThat(settings.rules()).extracting(PacingRule::name).doesNotContain("fly.get-machine");
				assertThat(settings.rules()).last()
					.isEqualTo(new PacingRule("runpod.proxy", "runpod", "POST", "/pods", PacingScope.PROVIDER, 10,
							Duration.ofMinutes(1)));
			});
	}

	@Test
	void pacingCanBeSwitchedOff() {
		this.runner.withPropertyValues("exatlas.pacing.enabled=false")
			.run((context) -> assertThat(context.getBean(Pacer.class).settings().rules()).isEmpty());
	}

	@Test
	void aRuleThatCannotWorkFailsStartUpNamingIt() {
		this.runner.withPropertyValues("exatlas.pacing.rules.lambda-labs.launch.limit=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(BindValidationException.class)
				.hasMessageContaining("rules[lambda-labs][launch].limit"));
		this.runner.withPropertyValues("exatlas.pacing.rules.runpod.mine.limit=3")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("a new pacing rule needs a limit and a period"));
	}

}
