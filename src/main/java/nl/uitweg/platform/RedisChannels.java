package nl.uitweg.platform;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.ReactiveSubscription;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.ReactiveRedisMessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * Redis pub/sub for live fan-out between instances. Subscriptions are registered with
 * Redis before the returned Mono completes, so a caller can subscribe first and then read
 * state without missing what is published in between.
 */
@Component
public class RedisChannels implements DisposableBean {

	private final ReactiveRedisMessageListenerContainer container;

	RedisChannels(ReactiveRedisConnectionFactory connectionFactory) {
		this.container = new ReactiveRedisMessageListenerContainer(connectionFactory);
	}

	/**
	 * Completes once Redis confirmed the subscription; cancelling the inner Flux
	 * unsubscribes.
	 */
	public Mono<Flux<String>> subscribe(String channel) {
		return this.container.receiveLater(ChannelTopic.of(channel))
			.map((messages) -> messages.map(ReactiveSubscription.Message::getMessage));
	}

	public Flux<String> receive(String channel) {
		return this.container.receive(ChannelTopic.of(channel)).map(ReactiveSubscription.Message::getMessage);
	}

	@Override
	public void destroy() {
		this.container.destroy();
	}

}
