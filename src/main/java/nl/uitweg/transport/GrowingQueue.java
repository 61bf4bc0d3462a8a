package nl.uitweg.transport;

import java.util.AbstractQueue;
import java.util.Iterator;
import java.util.Queue;

import org.jspecify.annotations.Nullable;
import reactor.util.concurrent.Queues;

/**
 * A bounded single-producer, single-consumer queue that grows in small linked chunks as
 * frames wait, instead of allocating its whole capacity up front: an idle connection (a
 * visitor waiting in line) keeps one small chunk, not an array the size of the bound.
 * {@link #offer} refuses once {@code capacity} elements wait.
 */
final class GrowingQueue<T> extends AbstractQueue<T> {

	/** Slots per chunk: enough for the frames of a burst without a new link. */
	private static final int LINK_SIZE = 16;

	private final Queue<T> queue = Queues.<T>unbounded(LINK_SIZE).get();

	private final int capacity;

	GrowingQueue(int capacity) {
		this.capacity = capacity;
	}

	@Override
	public boolean offer(T element) {
		// One producer at a time (the sink's emission is serialised): size cannot grow
		// between the check and the offer.
		return this.queue.size() < this.capacity && this.queue.offer(element);
	}

	@Override
	public @Nullable T poll() {
		return this.queue.poll();
	}

	@Override
	public @Nullable T peek() {
		return this.queue.peek();
	}

	@Override
	public int size() {
		return this.queue.size();
	}

	@Override
	public boolean isEmpty() {
		return this.queue.isEmpty();
	}

	@Override
	public void clear() {
		this.queue.clear();
	}

	@Override
	public Iterator<T> iterator() {
		throw new UnsupportedOperationException("Not iterable");
	}

}
