package nl.uitweg.bench;

import java.util.List;
import java.util.function.Consumer;

/**
 * A system the chat workload runs against: Uitweg itself or a baseline. Each pair has a
 * sending side (the visitor, on the first instance) and a receiving side (the counsellor,
 * on the second) whose every received frame goes to the receiver.
 */
interface ChatSystem extends AutoCloseable {

	String name();

	/** Opens the pairs and returns one sender per pair; a sender never waits. */
	List<Consumer<String>> open(int pairs, Consumer<String> receiver);

	/** Ends the pairs opened last. */
	void closePairs();

	/** The server processes whose CPU and allocation are charged to the messages. */
	List<BenchProcess> processes();

	@Override
	default void close() {
		processes().forEach(BenchProcess::close);
	}

}
