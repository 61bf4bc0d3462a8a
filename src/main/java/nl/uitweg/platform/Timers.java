package nl.uitweg.platform;

import reactor.core.scheduler.Scheduler;

/** The scheduler every delay, interval and timeout in the application runs on. */
public record Timers(Scheduler scheduler) {
}
