package io.switchboard.platform.pipeline;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The pipeline's settings (MicroProfile Config, {@code switchboard.pipeline.*}); the README lists them.
 */
@ApplicationScoped
public class PipelineSettings {

    private boolean enabled;
    private int workers;
    private int maxAttempts;
    private Duration maxAge;
    private Duration firstBackoff;
    private Duration maxBackoff;
    private Duration lease;
    private Duration poll;
    private int retentionDays;

    protected PipelineSettings() {
        // for the CDI proxy
    }

    @Inject
    public PipelineSettings(
            @ConfigProperty(name = "switchboard.pipeline.enabled", defaultValue = "true") boolean enabled,
            @ConfigProperty(name = "switchboard.pipeline.workers", defaultValue = "8") int workers,
            @ConfigProperty(name = "switchboard.pipeline.max-attempts", defaultValue = "12") int maxAttempts,
            @ConfigProperty(name = "switchboard.pipeline.max-age-hours", defaultValue = "24") int maxAgeHours,
            @ConfigProperty(name = "switchboard.pipeline.first-backoff-ms", defaultValue = "2000") long firstBackoffMs,
            @ConfigProperty(name = "switchboard.pipeline.max-backoff-seconds", defaultValue = "600") long maxBackoffSeconds,
            @ConfigProperty(name = "switchboard.pipeline.lease-seconds", defaultValue = "120") long leaseSeconds,
            @ConfigProperty(name = "switchboard.pipeline.poll-ms", defaultValue = "200") long pollMs,
            @ConfigProperty(name = "switchboard.pipeline.retention-days", defaultValue = "30") int retentionDays) {
        this.enabled = enabled;
        this.workers = Math.max(1, workers);
        this.maxAttempts = Math.max(1, maxAttempts);
        this.maxAge = Duration.ofHours(Math.max(1, maxAgeHours));
        this.firstBackoff = Duration.ofMillis(Math.max(10, firstBackoffMs));
        this.maxBackoff = Duration.ofSeconds(Math.max(1, maxBackoffSeconds));
        this.lease = Duration.ofSeconds(Math.max(10, leaseSeconds));
        this.poll = Duration.ofMillis(Math.max(10, pollMs));
        this.retentionDays = Math.max(1, retentionDays);
    }

    /**
     * @return false on an instance that only receives webhooks (several instances on one database may split the
     *         roles: receivers behind the load balancer, workers elsewhere)
     */
    public boolean enabled() {
        return enabled;
    }

    /** @return events processed at once by this instance */
    public int workers() {
        return workers;
    }

    /** @return attempts before an event that keeps failing transiently becomes dead */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** @return age after which an event is no longer retried */
    public Duration maxAge() {
        return maxAge;
    }

    public Duration firstBackoff() {
        return firstBackoff;
    }

    public Duration maxBackoff() {
        return maxBackoff;
    }

    /** @return how long a claimed event stays reserved for its instance; after that another may take it over */
    public Duration lease() {
        return lease;
    }

    /** @return pause between polls when there was nothing to do */
    public Duration poll() {
        return poll;
    }

    /** @return days finished events are kept in the activity log */
    public int retentionDays() {
        return retentionDays;
    }
}
