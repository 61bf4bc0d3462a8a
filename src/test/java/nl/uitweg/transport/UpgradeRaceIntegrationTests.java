package nl.uitweg.transport;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

import nl.uitweg.support.AppInstance;
import nl.uitweg.support.StaffLogin;
import nl.uitweg.support.Visitor;
import nl.uitweg.support.WsClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that sends its hello the instant the upgrade completes is always answered.
 * Before upgrades were moved onto the connection's event loop, about one in seven such
 * hellos sat unread (reactor-netty#1089) and the visitor was cut off by the hello
 * timeout.
 */
class UpgradeRaceIntegrationTests {

	@Test
	void aHelloSentRightAfterTheUpgradeIsAlwaysAnswered() {
		var instances = AppInstance.two();
		instances.get(0).ensureCounsellor("upgrade-race", "password-upgrade-race", 3);
		int port = instances.get(1).port();
		var client = new ReactorNettyWebSocketClient();
		AtomicInteger answered = new AtomicInteger();
		int attempts = 40;
		try (WsClient counsellor = WsClient.counsellor(instances.get(0).port(),
				StaffLogin.of(instances.get(0).port(), "upgrade-race", "password-upgrade-race"))) {
			counsellor.expect("welcome");
			for (int i = 0; i < attempts; i++) {
				String hello = "{\"type\":\"hello\",\"token\":\"" + Visitor.newSessionToken(port) + "\"}";
				client
					.execute(URI.create("ws://127.0.0.1:" + port + "/ws/visitor"),
							(ws) -> ws.send(Mono.just(ws.textMessage(hello)))
								.thenMany(ws.receive().take(1).doOnNext((welcome) -> answered.incrementAndGet()))
								.then(ws.close()))
					.timeout(Duration.ofSeconds(3))
					.onErrorResume((ex) -> Mono.empty())
					.block(Duration.ofSeconds(5));
			}
		}
		assertThat(answered).hasValue(attempts);
	}

}
