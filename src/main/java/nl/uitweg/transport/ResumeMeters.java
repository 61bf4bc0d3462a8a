package nl.uitweg.transport;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

import nl.uitweg.platform.MetricNames;

/**
 * {@code uitweg_resumes_total{role}}: a conversation picked up again on a new socket,
 * after a reconnect (a dropped connection, a reload, an instance that stopped). A visitor
 * resumes with a {@code hello} whose session still has an open conversation; a console
 * with a {@code resume} entry for a conversation it holds.
 */
@Component
class ResumeMeters {

	private final Counter visitor;

	private final Counter counsellor;

	ResumeMeters(MeterRegistry meters) {
		this.visitor = counter(meters, "visitor");
		this.counsellor = counter(meters, "counsellor");
	}

	private static Counter counter(MeterRegistry meters, String role) {
		return Counter.builder(MetricNames.RESUMES)
			.tag("role", role)
			.description("Conversations picked up again on a new socket")
			.register(meters);
	}

	void visitor() {
		this.visitor.increment();
	}

	void counsellor() {
		this.counsellor.increment();
	}

}
