package nl.uitweg.transport;

import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;

/**
 * The background work of one connection (streams, timers, last writes). Each piece has an
 * error handler and is cancelled when the connection closes, so a closed socket leaves no
 * subscription behind; pieces that finish on their own leave the set at once.
 */
final class ConnectionTasks {

	private static final Logger log = LoggerFactory.getLogger(ConnectionTasks.class);

	private final Disposable.Composite all = Disposables.composite();

	private final String owner;

	ConnectionTasks(String owner) {
		this.owner = owner;
	}

	/** Runs work in the background until it ends or the connection closes. */
	void run(String what, Publisher<?> work) {
		Disposable.Swap slot = Disposables.swap();
		if (!this.all.add(slot)) {
			return;
		}
		slot.update(Flux.from(work)
			.doFinally((signal) -> this.all.remove(slot))
			.subscribe(null, (ex) -> log.warn("{}: {} failed: {}", this.owner, what, ex.toString())));
	}

	/** A slot whose work is replaced, never leaked, when it is set again. */
	Disposable.Swap slot() {
		Disposable.Swap slot = Disposables.swap();
		this.all.add(slot);
		return slot;
	}

	void cancelAll() {
		this.all.dispose();
	}

}
