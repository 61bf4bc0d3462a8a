package nl.uitweg.counsellor;

import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.server.authentication.logout.ServerLogoutHandler;
import org.springframework.web.server.WebSession;

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
	 * A logout closes the consoles opened with that session, on every instance, and ends
	 * the session itself rather than leaving it behind empty.
	 */
	@Bean
	ServerLogoutHandler staffSessionLogoutHandler(StaffSessions sessions) {
		return (exchange, authentication) -> exchange.getExchange().getSession().flatMap((session) -> {
			boolean signedIn = authentication != null && !(authentication instanceof AnonymousAuthenticationToken);
			Mono<Void> consoles = signedIn ? sessions.signedOut(authentication.getName(), session.getId())
					: Mono.empty();
			return consoles.then(Mono.defer(session::invalidate));
		});
	}

}
