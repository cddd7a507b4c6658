package io.exatlas.compute.facade;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import io.exatlas.ErrorKind;
import io.exatlas.ExAtlasException;
import io.exatlas.InvalidConfigurationException;
import io.exatlas.Secret;
import io.exatlas.auth.PresharedTokens;
import io.exatlas.compute.AuthHandle;
import io.exatlas.compute.AuthMode;
import io.exatlas.compute.CallOptions;
import io.exatlas.compute.Capability;
import io.exatlas.compute.Compute;
import io.exatlas.compute.ComputeFilter;
import io.exatlas.compute.ComputeOperation;
import io.exatlas.compute.ComputeOperationEvent;
import io.exatlas.compute.ComputeOperationEvent.Outcome;
import io.exatlas.compute.ComputeProvider;
import io.exatlas.compute.ComputeProviders;
import io.exatlas.compute.ComputeRequest;
import io.exatlas.compute.ComputeStatus;
import io.exatlas.compute.ExAtlas;
import io.exatlas.compute.GpuCatalog;
import io.exatlas.compute.Job;
import io.exatlas.compute.JobRequest;
import io.exatlas.compute.JobStatus;
import io.exatlas.compute.ProviderContext;
import io.exatlas.compute.ProviderDescriptor;
import io.exatlas.compute.ReactiveExAtlas;
import io.exatlas.providers.mock.MockComputeProvider;
import io.exatlas.test.event.RecordingEventPublisher;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DefaultReactiveExAtlasTests {

	private final Clock clock = Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC);

	private final MockComputeProvider mock = new MockComputeProvider(GpuCatalog.builtIn(), this.clock,
			Schedulers.immediate(), Duration.ZERO, 2);

	private final RecordingEventPublisher events = new RecordingEventPublisher();

	private ReactiveExAtlas facade(String defaultProvider, ComputeProvider... extra) {
		List<ComputeProvider> all = new java.util.ArrayList<>(List.of(this.mock));
		all.addAll(List.of(extra));
		return new DefaultReactiveExAtlas(new ComputeProviders(all, defaultProvider), this.events, this.clock,
				"atlas-");
	}

	@Test
	void callsGoToTheDefaultProvider() {
		Compute compute = facade("mock").spawn(ComputeRequest.builder().gpu("h100").build()).block();
		assertThat(compute.provider()).isEqualTo("mock");
	}

	@Test
	void withoutProviderOrDefaultTheCallIsAValidationErrorListingTheProviders() {
		StepVerifier.create(facade(null).spawn(ComputeRequest.builder().gpu("h100").build()))
			.expectErrorSatisfies((ex) -> {
				assertThat(ex).isInstanceOf(ExAtlasException.class);
				assertThat(((ExAtlasException) ex).kind()).isEqualTo(ErrorKind.VALIDATION);
				assertThat(ex.getMessage()).contains("exatlas.default-provider", "[mock]");
			})
			.verify();
		assertThat(this.events.all()).isEmpty();
	}

	@Test
	void anUnknownProviderIsAValidationError() {
		StepVerifier.create(facade("mock").using("nope").get("x"))
			.expectErrorSatisfies((ex) -> assertThat(ex).hasMessageContaining("unknown provider 'nope'"))
			.verify();
	}

	@Test
	void aProviderCanBeChosenPerCall() {
		ComputeProvider other = new StaticProvider("other");
		Compute compute = facade("mock", other).using("other").get("anything").block();
		assertThat(compute.provider()).isEqualTo("other");
	}

	@Test
	void aDefaultThatNamesNoProviderFailsAtStartup() {
		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> new ComputeProviders(List.of(this.mock), "runpod"))
			.withMessageContaining("exatlas.default-provider: 'runpod' names no enabled provider")
			.satisfies((ex) -> assertThat(ex.property()).isEqualTo("exatlas.default-provider"));
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> new ComputeProviders(List.of(this.mock, new StaticProvider("mock")), null))
			.withMessageContaining("Two compute providers use the id 'mock'");
	}

	@Test
	void spawnGeneratesANameWithThePrefixWhenNoneIsGiven() {
		Compute unnamed = facade("mock").spawn(ComputeRequest.builder().gpu("h100").build()).block();
		assertThat(unnamed.name()).matches("atlas-[a-z0-9]{10}");
		Compute named = facade("mock").spawn(ComputeRequest.builder().gpu("h100").name("mine").build()).block();
		assertThat(named.name()).isEqualTo("mine");
	}

	@Test
	void bearerAuthInjectsTheTokenAndReturnsItOnceWithItsHash() {
		Compute compute = facade("mock").spawn(ComputeRequest.builder().gpu("h100").auth(AuthMode.BEARER).build())
			.block();
		AuthHandle auth = compute.auth();
		assertThat(auth.mode()).isEqualTo(AuthMode.BEARER);
		String token = auth.token().reveal();
		assertThat(auth.hash()).isEqualTo(PresharedTokens.hash(token));
		assertThat(auth.authorizationHeaderValue()).isEqualTo("Bearer " + token);
		assertThat(this.mock.spawnRequest(compute.id()).orElseThrow().env())
			.containsEntry(AuthHandle.PRESHARED_KEY_ENV, token);
		assertThat(compute.toString()).doesNotContain(token);
		Compute kept = compute.withoutSecrets();
		assertThat(kept.auth().token()).isNull();
		assertThat(kept.auth().hash()).isEqualTo(auth.hash());
	}

	@Test
	void theGeneratedCredentialCannotBeOverriddenThroughEnv() {
		ComputeRequest clash = ComputeRequest.builder()
			.gpu("h100")
			.auth(AuthMode.BEARER)
			.env(AuthHandle.PRESHARED_KEY_ENV, "mine")
			.build();
		StepVerifier.create(facade("mock").spawn(clash)).expectErrorSatisfies((ex) -> {
			assertThat(((ExAtlasException) ex).kind()).isEqualTo(ErrorKind.VALIDATION);
			assertThat(ex).hasMessageContaining(AuthHandle.PRESHARED_KEY_ENV);
		}).verify();
		assertThat(this.mock.list(ComputeFilter.all(), ProviderContext.defaults()).collectList().block()).isEmpty();
		Compute own = facade("mock")
			.spawn(ComputeRequest.builder().gpu("h100").env(AuthHandle.PRESHARED_KEY_ENV, "mine").build())
			.block();
		assertThat(this.mock.spawnRequest(own.id()).orElseThrow().env()).containsEntry(AuthHandle.PRESHARED_KEY_ENV,
				"mine");
	}

	@Test
	void signedUrlAuthInjectsASigningSecret() {
		Compute compute = facade("mock")
			.spawn(ComputeRequest.builder().gpu("h100").auth(AuthMode.SIGNED_URL).build())
			.block();
		assertThat(compute.auth().mode()).isEqualTo(AuthMode.SIGNED_URL);
		assertThat(compute.auth().hash()).isNull();
		assertThat(this.mock.spawnRequest(compute.id()).orElseThrow().env())
			.containsEntry(AuthHandle.SIGNING_SECRET_ENV, compute.auth().token().reveal());
	}

	@Test
	void everyOperationPublishesOneEventWithItsOutcome() {
		ReactiveExAtlas facade = facade("mock");
		Compute compute = facade.spawn(ComputeRequest.builder().gpu("h100").build()).block();
		facade.terminate(compute.id()).block();
		StepVerifier.create(facade.get("missing")).expectError(ExAtlasException.class).verify();
		facade.list(ComputeFilter.all()).collectList().block();
		List<ComputeOperationEvent> published = this.events.ofType(ComputeOperationEvent.class);
		assertThat(published).extracting(ComputeOperationEvent::operation)
			.containsExactly(ComputeOperation.SPAWN, ComputeOperation.TERMINATE, ComputeOperation.GET,
					ComputeOperation.LIST);
		assertThat(published).extracting(ComputeOperationEvent::outcome)
			.containsExactly(Outcome.SUCCESS, Outcome.SUCCESS, Outcome.ERROR, Outcome.SUCCESS);
		assertThat(published.get(0).resourceId()).isEqualTo(compute.id());
		assertThat(published.get(2).errorKind()).isEqualTo(ErrorKind.NOT_FOUND);
		assertThat(published).allSatisfy((event) -> {
			assertThat(event.provider()).isEqualTo("mock");
			assertThat(event.instant()).isEqualTo(this.clock.instant());
		});
	}

	@Test
	void theFacadeReappliesTheListFilter() {
		ReactiveExAtlas facade = facade("other", new StaticProvider("other"));
		assertThat(facade.list(ComputeFilter.status(ComputeStatus.STOPPED)).collectList().block()).isEmpty();
		assertThat(facade.list(ComputeFilter.namePrefix("static")).collectList().block()).hasSize(1);
	}

	@Test
	void optionalOperationsOfAMinimalProviderAnswerUnsupported() {
		ReactiveExAtlas facade = facade("other", new StaticProvider("other"));
		StepVerifier.create(facade.stop("x"))
			.expectErrorSatisfies((ex) -> assertThat(((ExAtlasException) ex).kind()).isEqualTo(ErrorKind.UNSUPPORTED))
			.verify();
		StepVerifier.create(facade.runJob(JobRequest.builder("in").build()))
			.expectErrorSatisfies((ex) -> assertThat(((ExAtlasException) ex).kind()).isEqualTo(ErrorKind.UNSUPPORTED))
			.verify();
		StepVerifier.create(facade.listGpuTypes())
			.expectErrorSatisfies((ex) -> assertThat(((ExAtlasException) ex).kind()).isEqualTo(ErrorKind.UNSUPPORTED))
			.verify();
	}

	@Test
	void foreignExceptionsFromAProviderBecomeTypedErrors() {
		ComputeProvider broken = new StaticProvider("broken") {
			@Override
			public Mono<Compute> get(String id, ProviderContext context) {
				return Mono.error(new IllegalStateException("boom"));
			}
		};
		StepVerifier.create(facade("broken", broken).get("x")).expectErrorSatisfies((ex) -> {
			assertThat(ex).isInstanceOf(ExAtlasException.class);
			assertThat(((ExAtlasException) ex).kind()).isEqualTo(ErrorKind.UNKNOWN);
			assertThat(ex.getCause()).hasMessage("boom");
		}).verify();
	}

	@Test
	void anEmptyAnswerIsAnErrorNotANull() {
		ComputeProvider silent = new StaticProvider("silent") {
			@Override
			public Mono<Compute> get(String id, ProviderContext context) {
				return Mono.empty();
			}
		};
		StepVerifier.create(facade("silent", silent).get("x")).expectError(ExAtlasException.class).verify();
	}

	@Test
	void theCallCredentialReachesTheProvider() {
		CapturingProvider capturing = new CapturingProvider();
		facade("capture", capturing).using(CallOptions.provider("capture").withApiKey("per-call-key")).get("x").block();
		assertThat(capturing.context.apiKeyOverride()).hasValueSatisfying(
				(secret) -> assertThat(secret.reveal()).isEqualTo("per-call-key"));
	}

	@Test
	void aSpawnsGeneratedPodTokenTravelsAsASensitiveValueSoNoErrorRepeatsIt() {
		CapturingProvider capturing = new CapturingProvider();
		ReactiveExAtlas facade = facade("capture", capturing);
		for (AuthMode mode : List.of(AuthMode.BEARER, AuthMode.SIGNED_URL)) {
			Compute spawned = facade.spawn(ComputeRequest.builder().gpu("h100").auth(mode).build()).block();
			assertThat(capturing.context.sensitiveValues()).extracting(Secret::reveal)
				.containsExactly(spawned.auth().token().reveal());
		}
		facade.spawn(ComputeRequest.builder().gpu("h100").build()).block();
		assertThat(capturing.context.sensitiveValues()).isEmpty();
	}

	@Test
	void providersAreDescribed() {
		List<ProviderDescriptor> descriptors = facade("mock", new StaticProvider("other")).providers();
		assertThat(descriptors).extracting(ProviderDescriptor::id).containsExactly("mock", "other");
		assertThat(descriptors.get(0).isDefault()).isTrue();
		assertThat(descriptors.get(0).capabilities()).contains(Capability.SERVERLESS);
		assertThat(descriptors.get(1).operations()).containsExactlyInAnyOrder(ComputeOperation.SPAWN,
				ComputeOperation.GET, ComputeOperation.LIST, ComputeOperation.TERMINATE);
	}

	@Test
	void theBlockingFacadeReturnsValuesAndThrowsTypedErrors() {
		ExAtlas blocking = new DefaultExAtlas(facade("mock"));
		Compute compute = blocking.spawn(ComputeRequest.builder().gpu("a100_80g").httpPort(8000).build());
		assertThat(blocking.get(compute.id()).status()).isEqualTo(ComputeStatus.RUNNING);
		assertThat(blocking.list(ComputeFilter.status(ComputeStatus.RUNNING))).extracting(Compute::id)
			.contains(compute.id());
		blocking.stop(compute.id());
		assertThat(blocking.get(compute.id()).status()).isEqualTo(ComputeStatus.STOPPED);
		blocking.start(compute.id());
		blocking.terminate(compute.id());
		assertThat(blocking.get(compute.id()).status()).isEqualTo(ComputeStatus.TERMINATED);
		assertThatExceptionOfType(ExAtlasException.class).isThrownBy(() -> blocking.get("nope"))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.NOT_FOUND));
		Job job = blocking.runJob(JobRequest.builder("hi").build());
		assertThat(blocking.getJob(job.ref()).status()).isEqualTo(JobStatus.COMPLETED);
		assertThat(blocking.streamJob(job.ref()).toList()).hasSize(2);
	}

	/** A minimal provider implementing only the core operations. */
	static class StaticProvider implements ComputeProvider {

		private final String id;

		StaticProvider(String id) {
			this.id = id;
		}

		@Override
		public String id() {
			return this.id;
		}

		@Override
		public Set<Capability> capabilities() {
			return Set.of();
		}

		@Override
		public Mono<Compute> spawn(ComputeRequest request, ProviderContext context) {
			return get("spawned", context);
		}

		@Override
		public Mono<Compute> get(String id, ProviderContext context) {
			return Mono.just(Compute.builder(id, this.id).status(ComputeStatus.RUNNING).name("static-1").build());
		}

		@Override
		public Flux<Compute> list(ComputeFilter filter, ProviderContext context) {
			return get("listed", context).flux();
		}

		@Override
		public Mono<Void> terminate(String id, ProviderContext context) {
			return Mono.empty();
		}

	}

	static final class CapturingProvider extends StaticProvider {

		ProviderContext context;

		CapturingProvider() {
			super("capture");
		}

		@Override
		public Mono<Compute> get(String id, ProviderContext context) {
			this.context = context;
			return super.get(id, context);
		}

	}

}
