package io.exatlas.cluster;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import io.exatlas.ErrorKind;
import io.exatlas.compute.ComputeStatus;
import io.exatlas.event.ExAtlasEventPublisher;
import io.exatlas.internal.WireJson;
import io.exatlas.orchestrator.ComputeSessionEvent;
import io.exatlas.orchestrator.RemoteComputeSessionEvent;
import io.exatlas.orchestrator.TerminationReason;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.context.ApplicationListener;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Relays compute session events between the instances of an application: each local {@link ComputeSessionEvent} is
 * published on a Redis channel, and each one from another instance is published here as a
 * {@link RemoteComputeSessionEvent}. Events carry ids, statuses and kinds only, never credentials.
 */
public class RedisComputeEventRelay implements ApplicationListener<ComputeSessionEvent>, MessageListener {

	private static final Log logger = LogFactory.getLog(RedisComputeEventRelay.class);

	private final StringRedisTemplate redis;

	private final String channel;

	private final String instanceId;

	private final ExAtlasEventPublisher events;

	private final Clock clock;

	/**
	 * Create the relay.
	 * @param redis the Redis template
	 * @param keyPrefix prefix of the channel (e.g. {@code exatlas:})
	 * @param instanceId this instance's id
	 * @param events where relayed events are published
	 * @param clock stamps their arrival
	 */
	public RedisComputeEventRelay(StringRedisTemplate redis, String keyPrefix, String instanceId,
			ExAtlasEventPublisher events, Clock clock) {
		this.redis = redis;
		this.channel = keyPrefix + "orchestrator:events";
		this.instanceId = instanceId;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * The channel events travel on.
	 * @return its name
	 */
	public String channel() {
		return this.channel;
	}

	@Override
	public void onApplicationEvent(ComputeSessionEvent event) {
		ObjectNode message = WireJson.object()
			.put("origin", this.instanceId)
			.put("at", event.getTimestamp())
			.put("computeId", event.computeId())
			.put("provider", event.provider())
			.put("userId", event.userId())
			.put("type", event.type().name())
			.put("status", (event.status() != null) ? event.status().name() : null)
			.put("reason", (event.reason() != null) ? event.reason().name() : null)
			.put("errorKind", (event.errorKind() != null) ? event.errorKind().name() : null)
			.put("pricePerHour", (event.pricePerHour() != null) ? event.pricePerHour().toPlainString() : null)
			.put("accrued", (event.accrued() != null) ? event.accrued().toPlainString() : null);
		try {
			this.redis.convertAndSend(this.channel, message.toString());
		}
		catch (RuntimeException ex) {
			logger.warn("Could not relay a compute session event to the other instances ("
					+ ex.getClass().getSimpleName() + ")");
		}
	}

	@Override
	public void onMessage(Message message, byte @Nullable [] pattern) {
		try {
			JsonNode node = WireJson.mapper().readTree(new String(message.getBody(), StandardCharsets.UTF_8));
			String origin = node.path("origin").asString();
			if (origin.equals(this.instanceId)) {
				return;
			}
			Clock original = Clock.fixed(Instant.ofEpochMilli(node.path("at").asLong()), ZoneOffset.UTC);
			ComputeSessionEvent event = new ComputeSessionEvent(this, original, node.path("computeId").asString(),
					node.path("provider").asString(), WireJson.text(node, "userId"),
					ComputeSessionEvent.Type.valueOf(node.path("type").asString()),
					enumOrNull(ComputeStatus.class, WireJson.text(node, "status")),
					enumOrNull(TerminationReason.class, WireJson.text(node, "reason")),
					enumOrNull(ErrorKind.class, WireJson.text(node, "errorKind")),
					decimalOrNull(WireJson.text(node, "pricePerHour")), decimalOrNull(WireJson.text(node, "accrued")));
			this.events.publish(new RemoteComputeSessionEvent(this, this.clock, origin, event));
		}
		catch (RuntimeException ex) {
			logger.warn("Ignoring an unreadable compute session event from another instance ("
					+ ex.getClass().getSimpleName() + ")");
		}
	}

	private static @Nullable BigDecimal decimalOrNull(@Nullable String value) {
		return (value != null) ? new BigDecimal(value) : null;
	}

	private static <E extends Enum<E>> @Nullable E enumOrNull(Class<E> type, @Nullable String name) {
		return (name != null) ? Enum.valueOf(type, name) : null;
	}

}
