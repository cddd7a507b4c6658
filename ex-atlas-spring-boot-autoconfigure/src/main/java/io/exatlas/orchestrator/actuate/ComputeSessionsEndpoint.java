package io.exatlas.orchestrator.actuate;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.exatlas.ErrorKind;
import io.exatlas.ExAtlasException;
import io.exatlas.compute.PortBinding;
import io.exatlas.compute.ReactiveExAtlas;
import io.exatlas.internal.UserInput;
import io.exatlas.orchestrator.ComputeOrchestrator;
import io.exatlas.orchestrator.TrackedSession;
import io.exatlas.spend.SessionSpend;
import io.exatlas.spend.SpendAccounting;
import io.exatlas.spend.SpendReport;
import io.exatlas.spend.UserSpend;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@code /actuator/computesessions}: the tracked compute sessions (id, provider, user, status, GPU, cost per hour,
 * accrued spend, idle time, TTL, ports), with what everyone and each user burn now and spent today and this month. {@code POST /actuator/computesessions/{id}} with {@code {"action": "touch"}} records
 * activity, with {@code "stop"} pauses the resource (the session shows {@code STOPPED} and its billing stops) and with
 * {@code "start"} resumes it; {@code DELETE} terminates it and stops
 * tracking it. Write operations need {@code management.endpoint.computesessions.access=unrestricted}. Over HTTP
 * (with {@link ComputeSessionsEndpointWebExtension}) an unknown action is a 400 and an unknown session a 404, as in
 * Boot's own endpoints.
 */
@Endpoint(id = "computesessions", defaultAccess = Access.READ_ONLY)
public class ComputeSessionsEndpoint {

	private static final Set<String> ACTIONS = Set.of("touch", "stop", "start");

	private final ComputeOrchestrator orchestrator;

	private final ReactiveExAtlas exatlas;

	private final @Nullable SpendAccounting spend;

	private final Clock clock;

	/**
	 * Create the endpoint without spend figures.
	 * @param orchestrator the orchestrator
	 * @param exatlas pauses resources on their provider
	 */
	public ComputeSessionsEndpoint(ComputeOrchestrator orchestrator, ReactiveExAtlas exatlas) {
		this(orchestrator, exatlas, null, Clock.systemUTC());
	}

	/**
	 * Create the endpoint.
	 * @param orchestrator the orchestrator
	 * @param exatlas pauses resources on their provider
	 * @param spend the spend figures per user and for everyone, or {@code null} without spend accounting
	 * @param clock the clock sessions' accrued spend is read at
	 */
	public ComputeSessionsEndpoint(ComputeOrchestrator orchestrator, ReactiveExAtlas exatlas,
			@Nullable SpendAccounting spend, Clock clock) {
		this.orchestrator = orchestrator;
		this.exatlas = exatlas;
		this.spend = spend;
		this.clock = clock;
	}

	/**
	 * Every tracked session.
	 * @return the sessions
	 */
	@ReadOperation
	public SessionsDescriptor sessions() {
		Instant now = this.clock.instant();
		List<SessionDescriptor> sessions = this.orchestrator.list()
			.stream()
			.map((session) -> SessionDescriptor.of(session, now))
			.toList();
		SpendAccounting accounting = this.spend;
		if (accounting == null) {
			return new SessionsDescriptor(sessions, null, Map.of());
		}
		SpendReport report = accounting.report();
		return new SessionsDescriptor(sessions,
				new SpendDescriptor(report.burnRate(), report.today(), report.month(), accounting.zone().getId()),
				report.users());
	}

	/**
	 * One tracked session.
	 * @param id the session id
	 * @return the session, or {@code null} (404)
	 */
	@ReadOperation
	public @Nullable SessionDescriptor session(@Selector String id) {
		return this.orchestrator.get(id).map((session) -> SessionDescriptor.of(session, this.clock.instant())).orElse(null);
	}

	/**
	 * Touch, stop (pause) or start (resume) a session.
	 * @param id the session id
	 * @param action {@code touch}, {@code stop} or {@code start}
	 * @return the session afterwards, or {@code null} (404) when it is not tracked
	 */
	@WriteOperation
	public @Nullable SessionDescriptor action(@Selector String id, String action) {
		if (!ACTIONS.contains(action)) {
			throw new InvalidEndpointRequestException("Unknown action '" + UserInput.printable(action)
					+ "'; use touch or stop", "unknown action");
		}
		TrackedSession session = this.orchestrator.get(id).orElse(null);
		if (session == null) {
			return null;
		}
		if (action.equals("touch")) {
			this.orchestrator.touch(id);
		}
		else if (this.orchestrator.isLocal(id)) {
			if (action.equals("stop")) {
				this.orchestrator.pause(id);
			}
			else {
				this.orchestrator.resume(id);
			}
		}
		else if (action.equals("stop")) {
			this.exatlas.using(session.provider()).stop(id).block();
		}
		else {
			this.exatlas.using(session.provider()).start(id).block();
		}
		return session(id);
	}

	/**
	 * Terminate a session upstream and stop tracking it.
	 * @param id the session id
	 * @return whether it was tracked (the web extension answers 404 when not)
	 */
	@DeleteOperation
	public boolean terminate(@Selector String id) {
		try {
			this.orchestrator.stopTracked(id);
			return true;
		}
		catch (ExAtlasException ex) {
			if (ex.kind() == ErrorKind.NOT_FOUND && this.orchestrator.get(id).isEmpty()) {
				return false;
			}
			throw ex;
		}
	}

	/**
	 * All sessions.
	 *
	 * @param sessions the sessions, oldest first
	 * @param spend what all sessions burn now and have spent today and this month, or {@code null} without spend
	 * accounting
	 * @param users the same per user with a live session that has a price (users are not meter tags: their number is
	 * unbounded)
	 */
	public record SessionsDescriptor(List<SessionDescriptor> sessions, @Nullable SpendDescriptor spend,
			Map<String, UserSpend> users) implements OperationResponseBody {
	}

	/**
	 * Spend for everyone.
	 *
	 * @param burnRate what the live sessions cost now, in USD per hour
	 * @param today what was spent today, live sessions included
	 * @param month what was spent this calendar month, live sessions included
	 * @param zone the time zone of the calendar days
	 */
	public record SpendDescriptor(BigDecimal burnRate, BigDecimal today, BigDecimal month, String zone) {
	}

	/**
	 * One session.
	 *
	 * @param id the session (resource) id
	 * @param provider the provider
	 * @param userId the user
	 * @param status the resource's status when it was tracked
	 * @param gpuType the GPU type
	 * @param gpuCount the GPU count
	 * @param costPerHour the price per hour
	 * @param idleForSeconds seconds since the last activity
	 * @param idleTtlSeconds the idle TTL in seconds
	 * @param trackedSince when tracking started
	 * @param lastActivity the last activity
	 * @param owner the tracking instance
	 * @param ports the port URLs
	 * @param phase {@code RUNNING}, {@code STARTING} (its readiness probe runs), {@code READY} or
	 * {@code NOT_READY}, when this instance tracks it
	 * @param accrued what the session has cost so far in USD, with spend accounting and a known price
	 * @param billing whether it is billed now ({@code false} while its resource is stopped), with a known price
	 */
	public record SessionDescriptor(String id, String provider, @Nullable String userId, String status,
			@Nullable String gpuType, int gpuCount, @Nullable BigDecimal costPerHour, long idleForSeconds,
			long idleTtlSeconds, Instant trackedSince, Instant lastActivity, String owner, List<String> ports,
			@Nullable String phase, @Nullable BigDecimal accrued, @Nullable Boolean billing)
			implements OperationResponseBody {

		static SessionDescriptor of(TrackedSession session, Instant now) {
			SessionSpend spend = session.spend();
			return new SessionDescriptor(session.id(), session.provider(), session.userId(),
					session.compute().status().name(), session.compute().gpuType(), session.compute().gpuCount(),
					(spend != null) ? spend.pricePerHour() : session.compute().costPerHour(),
					session.idleFor().toSeconds(), session.idleTtl().toSeconds(), session.trackedSince(),
					session.lastActivity(), session.owner(),
					session.compute().ports().stream().map(PortBinding::url).filter(Objects::nonNull).toList(),
					(session.phase() != null) ? session.phase().name() : null,
					(spend != null) ? spend.accruedAt(now) : null, (spend != null) ? spend.billing() : null);
		}

	}

}
