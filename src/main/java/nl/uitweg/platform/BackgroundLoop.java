package nl.uitweg.platform;

import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;

/**
 * Work an instance does on its own while it runs (dispatch passes, heartbeats, sweeps,
 * the outbox): started with the application, stopped before it shuts down, and never
 * ended by a failed pass.
 */
public abstract class BackgroundLoop implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(BackgroundLoop.class);

	private volatile Disposable running = Disposables.disposed();

	/** The loop to run while the application runs. */
	protected abstract Flux<?> loop();

	/**
	 * One pass per trigger and never two at once (triggers that come during a pass
	 * collapse into one); a failed pass is logged and the next trigger tries again.
	 */
	protected static <T> Flux<T> passes(Flux<?> triggers, Supplier<Mono<T>> pass, String what) {
		return triggers.onBackpressureLatest().concatMap((trigger) -> pass.get().onErrorResume((ex) -> {
			log.warn("{} failed, retrying: {}", what, ex.toString());
			return Mono.empty();
		}), 1);
	}

	@Override
	public void start() {
		this.running = loop().subscribe();
	}

	@Override
	public void stop() {
		this.running.dispose();
	}

	@Override
	public boolean isRunning() {
		return !this.running.isDisposed();
	}

}
