package io.exatlas.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import io.exatlas.orchestrator.SessionRecord;
import io.exatlas.orchestrator.SessionRegistry;
import io.exatlas.spend.SessionSpend;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * A {@link SessionRegistry} in Redis, shared by every orchestrator instance: one hash per session (the record, its
 * owner instance and its last activity) plus a set of session ids, and one expiring key per live instance (its
 * heartbeat). Every change that must be atomic (register, touch, remove, take-over) is one Lua script, so exactly
 * one of several racing instances wins. The session keys share the hash tag {@code {orchestrator:sessions}}, so the
 * scripts also run on Redis Cluster (all sessions live in one slot). {@code touch} is one round trip and only ever
 * moves the last activity forward. A session's spend is a field of its own, replaced by compare-and-set, and read
 * with the record when the session is taken out, so each settlement is recorded once.
 */
public class RedisSessionRegistry implements SessionRegistry {

	private static final RedisScript<Long> REGISTER = RedisScript.of("""
			if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
			redis.call('HSET', KEYS[1], 'record', ARGV[1], 'owner', ARGV[2], 'last', ARGV[3])
			if ARGV[5] ~= '' then redis.call('HSET', KEYS[1], 'spend', ARGV[5]) end
			redis.call('SADD', KEYS[2], ARGV[4])
			return 1""", Long.class);

	private static final RedisScript<Long> TOUCH = RedisScript.of("""
			local last = redis.call('HGET', KEYS[1], 'last')
			if not last then return 0 end
			if tonumber(ARGV[1]) > tonumber(last) then redis.call('HSET', KEYS[1], 'last', ARGV[1]) end
			return 1""", Long.class);

	private static final RedisScript<Long> REMOVE = RedisScript.of("""
			local removed = redis.call('DEL', KEYS[1])
			redis.call('SREM', KEYS[2], ARGV[1])
			return removed""", Long.class);

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> TAKE = RedisScript.of("""
			local fields = redis.call('HMGET', KEYS[1], 'record', 'owner', 'spend')
			if not fields[1] then return {} end
			redis.call('DEL', KEYS[1])
			redis.call('SREM', KEYS[2], ARGV[1])
			return {fields[1], fields[2], fields[3] or ''}""", List.class);

	private static final RedisScript<Long> UPDATE_SPEND = RedisScript.of("""
			if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
			if (redis.call('HGET', KEYS[1], 'spend') or '') ~= ARGV[1] then return 0 end
			redis.call('HSET', KEYS[1], 'spend', ARGV[2])
			return 1""", Long.class);

	private static final RedisScript<Long> CLAIM = RedisScript.of("""
			if redis.call('HGET', KEYS[1], 'owner') == ARGV[1] then
				redis.call('HSET', KEYS[1], 'owner', ARGV[2])
				return 1
			end
			return 0""", Long.class);

	/**
	 * The hash tag of every key a script touches together (a session's hash and the index of ids): Redis Cluster
	 * hashes only the part in braces, so they share a slot and the two-key scripts are allowed.
	 */
	private static final String SESSIONS_TAG = "{orchestrator:sessions}";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final StringRedisTemplate redis;

	private final String prefix;

	/**
	 * Create the registry.
	 * @param redis the Redis template
	 * @param keyPrefix prefix of every key (e.g. {@code exatlas:})
	 */
	public RedisSessionRegistry(StringRedisTemplate redis, String keyPrefix) {
		this.redis = redis;
		this.prefix = keyPrefix;
	}

	@Override
	public boolean register(SessionRecord session, long lastActivityMillis) {
		return Long.valueOf(1).equals(this.redis.execute(REGISTER, List.of(sessionKey(session.id()), indexKey()),
				JSON.writeValueAsString(session.withSpend(null)), session.owner(), Long.toString(lastActivityMillis),
				session.id(), spendJson(session.spend())));
	}

	@Override
	public boolean touch(String id, long nowMillis) {
		return Long.valueOf(1).equals(this.redis.execute(TOUCH, List.of(sessionKey(id)), Long.toString(nowMillis)));
	}

	@Override
	public OptionalLong lastActivity(String id) {
		Object last = this.redis.opsForHash().get(sessionKey(id), "last");
		return (last != null) ? OptionalLong.of(Long.parseLong(last.toString())) : OptionalLong.empty();
	}

	@Override
	public Optional<SessionRecord> get(String id) {
		List<Object> fields = this.redis.opsForHash().multiGet(sessionKey(id), List.of("record", "owner", "spend"));
		return Optional.ofNullable(toRecord(fields.get(0), fields.get(1), fields.get(2)));
	}

	@Override
	public Optional<SessionRecord> take(String id) {
		List<?> fields = this.redis.execute(TAKE, List.of(sessionKey(id), indexKey()), id);
		if (fields == null || fields.size() != 3) {
			return Optional.empty();
		}
		return Optional.ofNullable(toRecord(fields.get(0), fields.get(1), fields.get(2)));
	}

	@Override
	public boolean updateSpend(String id, @Nullable SessionSpend expected, SessionSpend updated) {
		return Long.valueOf(1).equals(this.redis.execute(UPDATE_SPEND, List.of(sessionKey(id)), spendJson(expected),
				spendJson(updated)));
	}

	@Override
	public boolean remove(String id) {
		return Long.valueOf(1).equals(this.redis.execute(REMOVE, List.of(sessionKey(id), indexKey()), id));
	}

	@Override
	public List<SessionRecord> all() {
		Set<String> ids = this.redis.opsForSet().members(indexKey());
		if (ids == null || ids.isEmpty()) {
			return List.of();
		}
		List<String> ordered = List.copyOf(ids);
		List<Object> replies = this.redis.executePipelined((RedisCallback<Object>) (connection) -> {
			for (String id : ordered) {
				connection.hashCommands().hMGet(bytes(sessionKey(id)), bytes("record"), bytes("owner"), bytes("spend"));
			}
			return null;
		});
		List<SessionRecord> records = new ArrayList<>();
		for (Object reply : replies) {
			if (reply instanceof List<?> fields && fields.size() == 3) {
				SessionRecord record = toRecord(fields.get(0), fields.get(1), fields.get(2));
				if (record != null) {
					records.add(record);
				}
			}
		}
		records.sort(Comparator.comparing(SessionRecord::trackedSince).thenComparing(SessionRecord::id));
		return records;
	}

	@Override
	public int size() {
		Long size = this.redis.opsForSet().size(indexKey());
		return (size != null) ? size.intValue() : 0;
	}

	@Override
	public boolean contains(String id) {
		return Boolean.TRUE.equals(this.redis.hasKey(sessionKey(id)));
	}

	@Override
	public boolean isShared() {
		return true;
	}

	@Override
	public void heartbeat(String instanceId, Duration ttl) {
		this.redis.opsForValue().set(instanceKey(instanceId), "alive", ttl);
	}

	@Override
	public boolean isAlive(String instanceId) {
		return Boolean.TRUE.equals(this.redis.hasKey(instanceKey(instanceId)));
	}

	@Override
	public boolean claim(String id, String expectedOwner, String newOwner) {
		return Long.valueOf(1).equals(this.redis.execute(CLAIM, List.of(sessionKey(id)), expectedOwner, newOwner));
	}

	@Override
	public void leave(String instanceId) {
		this.redis.delete(instanceKey(instanceId));
	}

	private @Nullable SessionRecord toRecord(@Nullable Object json, @Nullable Object owner, @Nullable Object spend) {
		if (json == null || owner == null) {
			return null;
		}
		SessionRecord stored = JSON.readValue(json.toString(), SessionRecord.class);
		String spendJson = (spend != null) ? spend.toString() : "";
		return stored.withOwner(owner.toString())
			.withSpend(spendJson.isEmpty() ? null : JSON.readValue(spendJson, SessionSpend.class));
	}

	/**
	 * The spend as stored: the compare-and-set compares these strings, so equal spends must give equal strings (they
	 * do: the same mapper writes a record's components in order, and a read spend writes back as it was read).
	 * @param spend the spend
	 * @return its JSON, or the empty string for none
	 */
	private static String spendJson(@Nullable SessionSpend spend) {
		return (spend != null) ? JSON.writeValueAsString(spend) : "";
	}

	private String sessionKey(String id) {
		return this.prefix + SESSIONS_TAG + ":" + id;
	}

	private String indexKey() {
		return this.prefix + SESSIONS_TAG;
	}

	private String instanceKey(String instanceId) {
		return this.prefix + "orchestrator:instances:" + instanceId;
	}

	private static byte[] bytes(String value) {
		return value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		return "RedisSessionRegistry[prefix=" + this.prefix + "]";
	}

}
