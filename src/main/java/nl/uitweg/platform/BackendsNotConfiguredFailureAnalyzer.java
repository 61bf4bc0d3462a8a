package nl.uitweg.platform;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports a missing backend URL as one clear paragraph instead of a stack trace. */
class BackendsNotConfiguredFailureAnalyzer extends AbstractFailureAnalyzer<BackendsNotConfigured> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, BackendsNotConfigured cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Set REDIS_URL and MONGODB_URI, or activate the dev or demo profile to use the embedded servers.",
				cause);
	}

}
