package io.exatlas.cluster;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import io.exatlas.fly.tokens.FlyTokens;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;

/**
 * Drops an app's cached Fly token in this instance when another instance announces, through
 * {@link RedisTokenStore}, that it deleted the shared one (an invalidation or a refresh): the next {@code get} reads
 * the store again instead of serving the stale token until it expires.
 */
public class RedisTokenInvalidations implements MessageListener {

	private static final Log logger = LogFactory.getLog(RedisTokenInvalidations.class);

	private final RedisTokenStore store;

	private final Supplier<@Nullable FlyTokens> tokens;

	/**
	 * Create the listener.
	 * @param store the shared store (tells this instance's own announcements apart)
	 * @param tokens this instance's token manager (looked up on each message)
	 */
	public RedisTokenInvalidations(RedisTokenStore store, Supplier<@Nullable FlyTokens> tokens) {
		this.store = store;
		this.tokens = tokens;
	}

	@Override
	public void onMessage(Message message, byte @Nullable [] pattern) {
		String announcement = new String(message.getBody(), StandardCharsets.UTF_8);
		int space = announcement.indexOf(' ');
		FlyTokens flyTokens = this.tokens.get();
		if (space < 0 || this.store.isOwn(announcement) || flyTokens == null) {
			return;
		}
		String app = announcement.substring(space + 1);
		try {
			flyTokens.evictLocally(app);
			logger.debug("Dropped the cached Fly token of app " + app + ", invalidated by another instance");
		}
		catch (RuntimeException ex) {
			logger.warn("Could not drop the cached Fly token of app " + app + " (" + ex.getClass().getSimpleName()
					+ ")");
		}
	}

}
