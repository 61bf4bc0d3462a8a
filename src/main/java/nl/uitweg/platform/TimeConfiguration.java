package nl.uitweg.platform;

import java.time.Clock;

import reactor.core.scheduler.Schedulers;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Time and timers come from beans so grace periods, heartbeats and timeouts can be tested
 * on virtual time.
 */
@Configuration(proxyBeanMethods = false)
class TimeConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	Timers timers() {
		return new Timers(Schedulers.parallel());
	}

}
