package nl.uitweg.counsellor;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UserDetailsRepositoryReactiveAuthenticationManager;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Connects Spring Security to the staff accounts in MongoDB. */
@Configuration(proxyBeanMethods = false)
class StaffSecurityConfiguration {

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	ReactiveUserDetailsService staffUserDetails(StaffAccounts accounts) {
		return (username) -> accounts.findById(username)
			.map((account) -> User.withUsername(account.username())
				.password(account.passwordHash())
				.roles(account.roles().stream().map(Role::name).toArray(String[]::new))
				.disabled(!account.enabled())
				.build());
	}

	@Bean
	ReactiveAuthenticationManager staffAuthenticationManager(ReactiveUserDetailsService users,
			PasswordEncoder passwordEncoder) {
		var manager = new UserDetailsRepositoryReactiveAuthenticationManager(users);
		manager.setPasswordEncoder(passwordEncoder);
		return manager;
	}

}
