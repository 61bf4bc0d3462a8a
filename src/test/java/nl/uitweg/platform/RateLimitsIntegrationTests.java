package nl.uitweg.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;

import nl.uitweg.support.TestBackends;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared buckets against a real redis-server, on a clock the test moves. */
class RateLimitsIntegrationTests {

	private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-30T12:00:00Z"));

	private RateLimits limits;

	private RateLimits otherInstance;

	@BeforeEach
	void start() {
		TestBackends backends = TestBackends.get();
		DataRedisConnectionDetails details = new DataRedisConnectionDetails() {
			@Override
			public Standalone getStandalone() {
				return Standalone.of("127.0.0.1", backends.redisPort());
			}
		};
		Clock clock = new Clock() {
			@Override
			public ZoneOffset getZone() {
				return ZoneOffset.UTC;
			}

			@Override
			public Clock withZone(java.time.ZoneId zone) {
				return this;
			}

			@Override
			public Instant instant() {
				return RateLimitsIntegrationTests.this.now.get();
			}
		};
		this.limits = new RateLimits(details, new DataRedisProperties(), clock);
		this.limits.start();
		this.otherInstance = new RateLimits(details, new DataRedisProperties(), clock);
		this.otherInstance.start();
	}

	@AfterEach
	void stop() {
		this.limits.stop();
		this.otherInstance.stop();
	}

	@Test
	void aBucketIsSharedByInstancesAndRefillsWithTime() {
		RateLimits.Limit limit = new RateLimits.Limit("test", 3, Duration.ofMinutes(1));
		String subject = UUID.randomUUID().toString();
		assertThat(this.limits.take(limit, subject).block().allowed()).isTrue();
		assertThat(this.otherInstance.take(limit, subject).block().allowed()).isTrue();
		assertThat(this.limits.peek(limit, subject).block().allowed()).isTrue();
		assertThat(this.otherInstance.take(limit, subject).block().allowed()).isTrue();
		RateLimits.Decision refused = this.limits.take(limit, subject).block();
		assertThat(refused.allowed()).isFalse();
		assertThat(refused.retryAfterSeconds()).isBetween(1L, 20L);
		assertThat(this.otherInstance.peek(limit, subject).block().allowed()).isFalse();
		// Another subject has its own bucket.
		assertThat(this.limits.take(limit, subject + "-other").block().allowed()).isTrue();
		// One token comes back every 20 s.
		this.now.set(this.now.get().plusSeconds(21));
		assertThat(this.limits.take(limit, subject).block().allowed()).isTrue();
		assertThat(this.limits.take(limit, subject).block().allowed()).isFalse();
		this.limits.reset(limit, subject).block();
		assertThat(this.limits.take(limit, subject).block().allowed()).isTrue();
	}

	@Test
	void aBurstOnOneBucketFromTwoInstancesAdmitsExactlyItsCapacity() {
		RateLimits.Limit limit = new RateLimits.Limit("test-burst", 20, Duration.ofHours(1));
		String subject = UUID.randomUUID().toString();
		java.util.List<RateLimits.Decision> decisions = reactor.core.publisher.Flux.range(0, 100)
			.flatMap((i) -> ((i % 2 == 0) ? this.limits : this.otherInstance).take(limit, subject), 100)
			.collectList()
			.block(Duration.ofSeconds(20));
		assertThat(decisions).hasSize(100);
		assertThat(decisions).filteredOn(RateLimits.Decision::allowed).hasSize(20);
		assertThat(decisions).filteredOn((d) -> !d.allowed())
			.allSatisfy((d) -> assertThat(d.retryAfterSeconds()).isBetween(1L, 180L));
	}

}
