package io.switchboard.platform.pipeline;

import io.switchboard.platform.flow.ExternalLinkSql;
import io.switchboard.platform.flow.RecordedActivity;
import java.time.Duration;
import java.util.List;

/**
 * How processing an event ended.
 *
 * @param kind       done, retry later, or dead
 * @param error      plain words for the tenant when not done, else {@code null}
 * @param retryAfter the vendor's requested pause for a retry, or {@code null}
 * @param activity   what the attempt did
 * @param links      flows' links still to write, with the outcome
 */
public record Outcome(Kind kind, String error, Duration retryAfter, RecordedActivity activity,
                      List<ExternalLinkSql.Link> links) {

    /**
     * How an attempt ended. {@code PAUSED}: a vendor request was held back before it was sent (the connection's
     * circuit breaker is open, or its rate limit gave no turn within the attempt's budget); the event goes on after
     * {@code retryAfter} and the attempt is not counted (ADR 0009).
     */
    public enum Kind { DONE, RETRY, PAUSED, DEAD }

    public static Outcome done(RecordedActivity activity) {
        return new Outcome(Kind.DONE, null, null, activity, List.of());
    }

    public static Outcome retry(String error, Duration retryAfter, RecordedActivity activity) {
        return new Outcome(Kind.RETRY, error, retryAfter, activity, List.of());
    }

    public static Outcome paused(String error, Duration retryAfter, RecordedActivity activity) {
        return new Outcome(Kind.PAUSED, error, retryAfter, activity, List.of());
    }

    public static Outcome dead(String error, RecordedActivity activity) {
        return new Outcome(Kind.DEAD, error, null, activity, List.of());
    }

    /** @return this outcome, with links to write along with it */
    public Outcome withLinks(List<ExternalLinkSql.Link> unwritten) {
        return new Outcome(kind, error, retryAfter, activity, List.copyOf(unwritten));
    }
}
