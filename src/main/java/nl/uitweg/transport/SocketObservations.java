package nl.uitweg.transport;

import io.micrometer.observation.ObservationPredicate;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * No request observation for a WebSocket upgrade: it would last as long as the socket (a
 * visitor may wait for an hour), holding its contexts, key values and timer samples per
 * connection (about 1 KB each), to time nothing a request timer means.
 * <p>
 * The security filter chain's observations (one per phase) cannot be told apart by path
 * when they are created, so they are off for every request: nothing exports them (only
 * health and info are exposed), and per waiting visitor they held about 2 KB for the
 * socket's whole life. Authentication and authorization are still observed.
 */
@Configuration(proxyBeanMethods = false)
class SocketObservations {

	static final String SOCKET_PATHS = "/ws/";

	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.withDefaults().shouldObserveRequests(false).build();
	}

	@Bean
	ObservationPredicate noRequestObservationOfSockets() {
		return (name, context) -> !(context instanceof ServerRequestObservationContext request
				&& request.getCarrier().getPath().value().startsWith(SOCKET_PATHS));
	}

}
