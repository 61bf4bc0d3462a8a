package nl.uitweg.counsellor;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.session.data.redis.ReactiveRedisIndexedSessionRepository;
import org.springframework.stereotype.Service;

/**
 * The staff web sessions of an account, found through Spring Session's index by principal
 * name (the repository type is {@code indexed}), so that disabling an account or setting
 * its password ends every session on every instance, and a console can ask whether the
 * session it was opened with still stands.
 */
@Service
public class StaffSessions {

	private static final Logger log = LoggerFactory.getLogger(StaffSessions.class);

	private final ReactiveRedisIndexedSessionRepository sessions;

	private final StaffDirectory directory;

	private final CounsellorPresence presence;

	StaffSessions(ReactiveRedisIndexedSessionRepository sessions, StaffDirectory directory,
			CounsellorPresence presence) {
		this.sessions = sessions;
		this.directory = directory;
		this.presence = presence;
	}

	/**
	 * Ends every session of the account, takes the counsellor out of availability and
	 * closes their consoles on every instance.
	 */
	Mono<Void> revoke(String username, SignOutReason reason) {
		return this.sessions.findByPrincipalName(username)
			.flatMapMany((found) -> Flux.fromIterable(found.keySet()))
			.concatMap((id) -> this.sessions.deleteById(id).thenReturn(id))
			.count()
			.doOnNext(
					(ended) -> log.info("Signed out {} everywhere ({}, {} session(s))", username, reason.wire(), ended))
			.then(this.presence.signedOut(username, reason, null));
	}

	/** Closes the consoles opened with this one session (a logout). */
	Mono<Void> signedOut(String username, String sessionId) {
		return this.presence.signedOut(username, SignOutReason.SIGNED_OUT, fingerprint(sessionId));
	}

	/**
	 * Why a console may not go on, or nothing while it may: the account is disabled, or
	 * the session it was opened with (when the console knows it) no longer exists.
	 */
	public Mono<SignOutReason> whySignedOut(String username, @Nullable String sessionId) {
		Mono<SignOutReason> disabled = this.directory.find(username)
			.map(StaffAccount::enabled)
			.defaultIfEmpty(false)
			.flatMap((enabled) -> enabled ? Mono.empty() : Mono.just(SignOutReason.ACCOUNT_DISABLED));
		if (sessionId == null) {
			return disabled;
		}
		return disabled.switchIfEmpty(Mono.defer(() -> this.sessions.findById(sessionId)
			.hasElement()
			.flatMap((exists) -> exists ? Mono.empty() : Mono.just(SignOutReason.SIGNED_OUT))));
	}

	/**
	 * What travels on the counsellor's channel instead of the session id, which is a
	 * credential.
	 */
	public static String fingerprint(String sessionId) {
		return Digests.sha256(sessionId);
	}

}
