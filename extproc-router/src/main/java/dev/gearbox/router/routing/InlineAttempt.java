package dev.gearbox.router.routing;

/**
 * What deciding a body on a thread that must not block came to: the answer, or the request prepared (parsed, its
 * policy chosen, the signals that ran remembered) for a worker to finish with {@link RequestRouter#complete}.
 */
public sealed interface InlineAttempt permits RouteResult, PreparedRequest {
}
