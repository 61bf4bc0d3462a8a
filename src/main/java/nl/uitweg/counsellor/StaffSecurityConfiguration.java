package nl.uitweg.counsellor;

import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.server.authentication.logout.ServerLogoutHandler;

/** Connects Spring Security to the staff accounts in MongoDB. */
@Configuration(proxyBeanMethods = false)
class StaffSecurityConfiguration {

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	ReactiveAuthenticationManager staffAuthenticationManager(StaffAccounts accounts, PasswordEncoder passwordEncoder) {
		return new StaffAuthentication(accounts::findById, passwordEncoder);
	}

	/**
	 * A logout closes the consoles opened with that session, on every instance, and
	 * deletes the session. Runs before Spring Security's own handler, which would only
	 * give the session a new id and leave the old one in Spring Session's expiry index
	 * (and so in Redis's files) for the session's whole lifetime.
	 */
	@Bean
	ServerLogoutHandler staffSessionLogoutHandler(StaffSessions sessions) {
		return (exchange, authentication) -> {
			if (authentication == null || authentication instanceof AnonymousAuthenticationToken) {
				return Mono.empty();
			}
			return exchange.getExchange()
				.getSession()
				.flatMap((session) -> sessions.signedOut(authentication.getName(), session.getId())
					.then(session.invalidate()));
		};
	}

}
