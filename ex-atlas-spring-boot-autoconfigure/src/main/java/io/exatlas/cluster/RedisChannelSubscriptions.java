package io.exatlas.cluster;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The library's subscriptions to its own Redis channels (token invalidations, relayed session events), on a
 * listener container of its own rather than the application's.
 * <p>
 * Its listeners get messages one at a time, in the order Redis delivered them, on a single daemon thread. The
 * application's container may start a thread per message (Spring Boot's default does), and then two messages
 * published in order by one instance, such as a session's {@code TERMINATING} and its {@code TERMINATED} status,
 * can reach listeners swapped. The library's listeners only drop a cache entry or publish an event; the
 * application's listeners of {@link io.exatlas.orchestrator.RemoteComputeSessionEvent} run on that thread too, so keep
 * them short (or {@code @Async}). The subscription uses one Redis connection besides the application's.
 */
public class RedisChannelSubscriptions implements SmartLifecycle, DisposableBean {

	private final ThreadPoolTaskExecutor dispatcher = new ThreadPoolTaskExecutor();

	private final RedisMessageListenerContainer container = new RedisMessageListenerContainer();

	/**
	 * Create the subscriptions; nothing is subscribed before {@link #start()}.
	 * @param connectionFactory where to subscribe
	 */
	public RedisChannelSubscriptions(RedisConnectionFactory connectionFactory) {
		this.dispatcher.setCorePoolSize(1);
		this.dispatcher.setMaxPoolSize(1);
		this.dispatcher.setDaemon(true);
		this.dispatcher.setThreadNamePrefix("exatlas-redis-listener-");
		this.dispatcher.initialize();
		SimpleAsyncTaskExecutor subscriber = new SimpleAsyncTaskExecutor("exatlas-redis-subscription-");
		subscriber.setDaemon(true);
		this.container.setConnectionFactory(connectionFactory);
		this.container.setTaskExecutor(this.dispatcher);
		this.container.setSubscriptionExecutor(subscriber);
		this.container.afterPropertiesSet();
	}

	/**
	 * Deliver every message published on a channel to a listener, from now on.
	 * @param listener the listener
	 * @param channel the channel's name
	 */
	public void subscribe(MessageListener listener, String channel) {
		this.container.addMessageListener(listener, new ChannelTopic(channel));
	}

	@Override
	public void start() {
		this.container.start();
	}

	@Override
	public void stop() {
		this.container.stop();
	}

	@Override
	public boolean isRunning() {
		return this.container.isRunning();
	}

	@Override
	public int getPhase() {
		return this.container.getPhase();
	}

	@Override
	public void destroy() throws Exception {
		this.container.destroy();
		this.dispatcher.shutdown();
	}

}
