package nl.uitweg.platform;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Redis pub/sub for live fan-out between instances, multiplexed over one connection per
 * instance: each channel is subscribed in Redis once, however many local connections
 * follow it, and unsubscribed when the last one leaves. (Spring Data's listener container
 * opens a connection per subscription, which does not scale to a connection per
 * conversation.) Lettuce re-subscribes every channel after a reconnect.
 */
@Component
public class RedisChannels implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(RedisChannels.class);

	private static final int SUBSCRIBER_BUFFER = 10_000;

	private final RedisUris uris;

	private final Map<String, Channel> channels = new ConcurrentHashMap<>();

	private volatile RedisConnections.Own<StatefulRedisPubSubConnection<String, String>> own;

	private volatile StatefulRedisPubSubConnection<String, String> connection;

	private volatile boolean running;

	RedisChannels(DataRedisConnectionDetails details, DataRedisProperties properties) {
		this.uris = RedisUris.of(details, properties);
	}

	/** One subscribed channel and its local followers. */
	private final class Channel {

		private final Sinks.Many<String> sink = Sinks.many().multicast().directBestEffort();

		private int followers;

		private Mono<Void> ready = Mono.empty();

	}

	/**
	 * Completes once Redis confirmed the subscription, so a caller can subscribe first
	 * and then read state without missing what is published in between. Cancelling the
	 * inner Flux lets the channel go.
	 */
	public Mono<Flux<String>> subscribe(String name) {
		return Mono.defer(() -> {
			Channel channel = acquire(name);
			AtomicBoolean released = new AtomicBoolean();
			Runnable release = () -> {
				if (released.compareAndSet(false, true)) {
					release(name, channel);
				}
			};
			// The strategy variant buffers in a growing ArrayDeque; the plain bounded
			// onBackpressureBuffer allocates its whole array (16,384 slots, 64 KB) up
			// front,
			// per follower, for a buffer that is nearly always empty.
			Flux<String> messages = channel.sink.asFlux()
				.onBackpressureBuffer(SUBSCRIBER_BUFFER, BufferOverflowStrategy.ERROR)
				.doFinally((signal) -> release.run());
			return channel.ready.thenReturn(messages).doOnCancel(release).doOnError((ex) -> release.run());
		});
	}

	/** Messages of a channel for as long as the returned Flux is subscribed. */
	public Flux<String> receive(String name) {
		return subscribe(name).flatMapMany((messages) -> messages);
	}

	private Channel acquire(String name) {
		synchronized (this.channels) {
			Channel channel = this.channels.computeIfAbsent(name, (n) -> new Channel());
			if (channel.followers++ == 0) {
				channel.ready = this.connection.reactive().subscribe(name).cache();
			}
			return channel;
		}
	}

	private void release(String name, Channel channel) {
		synchronized (this.channels) {
			if (--channel.followers == 0 && this.channels.remove(name, channel)) {
				this.connection.reactive()
					.unsubscribe(name)
					.subscribe(null, (ex) -> log.debug("Unsubscribe from a channel failed: {}", ex.toString()));
			}
		}
	}

	/**
	 * How many channels this instance has subscribed in Redis (for tests and metrics).
	 */
	public int subscribedChannels() {
		return this.channels.size();
	}

	@Override
	public void start() {
		// Start-up runs on the main thread: the one connection is opened before any
		// traffic. On a cluster it hears what is published on any node.
		this.own = RedisConnections.pubSub(this.uris);
		this.connection = this.own.connection();
		this.connection.addListener(new RedisPubSubAdapter<>() {
			@Override
			public void message(String name, String message) {
				Channel channel = RedisChannels.this.channels.get(name);
				if (channel != null) {
					channel.sink.tryEmitNext(message);
				}
			}
		});
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		if (this.own != null) {
			this.own.close();
		}
		this.channels.values().forEach((channel) -> channel.sink.tryEmitComplete());
		this.channels.clear();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// Before everything that subscribes (the default phase) and stopped after it.
		return Integer.MIN_VALUE + 1000;
	}

}
