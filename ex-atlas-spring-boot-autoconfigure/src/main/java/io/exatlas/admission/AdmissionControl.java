package io.exatlas.admission;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

import io.exatlas.ErrorKind;
import io.exatlas.ExAtlasException;
import io.exatlas.event.ExAtlasEventPublisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The ordered chain of spawn policies: each is asked in turn; the first refusal publishes an
 * {@link AdmissionRejectedEvent} and fails with {@link ErrorKind#REJECTED} (code: the policy's name).
 */
public final class AdmissionControl {

	/** Admits everything. */
	public static final AdmissionControl NONE = new AdmissionControl(List.of(), ExAtlasEventPublisher.noop(),
			Clock.systemUTC());

	private final List<SpawnPolicy> policies;

	private final ExAtlasEventPublisher events;

	private final Clock clock;

	/**
	 * Create the chain.
	 * @param policies the policies, in order
	 * @param events where rejections are published
	 * @param clock stamps the events
	 */
	public AdmissionControl(List<SpawnPolicy> policies, ExAtlasEventPublisher events, Clock clock) {
		this.policies = List.copyOf(policies);
		this.events = Objects.requireNonNull(events, "events");
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	/**
	 * Ask every policy, in order.
	 * @param request what is about to be spawned
	 * @return completes when admitted; a {@code REJECTED} error otherwise
	 */
	public Mono<Void> check(AdmissionRequest request) {
		if (this.policies.isEmpty()) {
			return Mono.empty();
		}
		return Flux.fromIterable(this.policies)
			.concatMap((policy) -> policy.evaluate(request)
				.filter((decision) -> !decision.admitted())
				.map((decision) -> rejected(policy, request, String.valueOf(decision.reason()))))
			.next()
			.flatMap(Mono::<Void>error);
	}

	/**
	 * The policies, in order.
	 * @return them
	 */
	public List<SpawnPolicy> policies() {
		return this.policies;
	}

	private ExAtlasException rejected(SpawnPolicy policy, AdmissionRequest request, String reason) {
		this.events.publish(new AdmissionRejectedEvent(this, this.clock, policy.name(), request.provider(),
				request.userId(), reason));
		return ExAtlasException.builder(ErrorKind.REJECTED)
			.provider(request.provider())
			.code(policy.name())
			.message("refused by spawn policy " + policy.name() + ": " + reason + "; nothing was sent")
			.build();
	}

}
