package nl.uitweg.platform;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.lettuce.core.RedisCommandExecutionException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.util.retry.Retry;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.data.redis.RedisSystemException;

/**
 * Retries work whose store failed for a moment (a Redis restart, a dropped connection)
 * within a time budget, so a short outage delays an answer instead of failing it. Only
 * for work that is safe to repeat (idempotent, like appending with a client message id).
 */
public final class StoreRetry {

	private static final Duration FIRST_BACKOFF = Duration.ofMillis(50);

	private static final Duration MAX_BACKOFF = Duration.ofSeconds(1);

	private StoreRetry() {
	}

	/**
	 * The work, retried while its failures are transient and the budget lasts. A command
	 * Lettuce holds back while it reconnects does not fail by itself, so the whole is
	 * also bounded in time: past the budget (and one last backoff) it fails with a
	 * {@link TimeoutException}, which counts as transient.
	 */
	public static <T> Mono<T> within(Duration budget, Scheduler scheduler, Mono<T> work) {
		return Mono.defer(() -> work.retryWhen(retry(budget, scheduler))).timeout(budget.plus(MAX_BACKOFF), scheduler);
	}

	/**
	 * A read a follower needs, retried the same way but with no bound of its own on a
	 * command held back while Lettuce reconnects: a follower waits for Redis rather than
	 * give up before the messages it follows would (the client then has to reconnect),
	 * and Lettuce's command timeout still ends a wait that lasts too long.
	 */
	public static <T> Flux<T> within(Duration budget, Scheduler scheduler, Flux<T> work) {
		return Flux.defer(() -> work.retryWhen(retry(budget, scheduler)));
	}

	private static Retry retry(Duration budget, Scheduler scheduler) {
		long deadline = scheduler.now(TimeUnit.MILLISECONDS) + budget.toMillis();
		return Retry.backoff(Long.MAX_VALUE, FIRST_BACKOFF)
			.maxBackoff(MAX_BACKOFF)
			.scheduler(scheduler)
			.filter((ex) -> isTransient(ex) && scheduler.now(TimeUnit.MILLISECONDS) < deadline);
	}

	/**
	 * A failure to reach the store, as opposed to the store refusing the command (a
	 * script error, a wrong type): only the first may go away by itself.
	 */
	public static boolean isTransient(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof RedisCommandExecutionException refused) {
				String message = String.valueOf(refused.getMessage());
				return message.startsWith("LOADING") || message.startsWith("BUSY") || message.startsWith("TRYAGAIN")
						|| message.startsWith("MASTERDOWN");
			}
		}
		return ex instanceof TimeoutException || ex instanceof TransientDataAccessException
				|| ex instanceof DataAccessResourceFailureException || ex instanceof RedisSystemException
				|| ex instanceof io.lettuce.core.RedisException || ex instanceof java.io.IOException;
	}

}
