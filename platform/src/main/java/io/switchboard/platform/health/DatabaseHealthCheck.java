package io.switchboard.platform.health;

import io.switchboard.platform.persistence.DatabaseMonitor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the database answers: without it no webhook can be stored. Reports what the
 * {@link DatabaseMonitor}'s probe found, so {@code /health} answers at once even when the database is frozen (it used
 * to borrow a pooled connection and wait for it, and gave no answer within 30 s of a stalled server; issue #20).
 */
@Readiness
@ApplicationScoped
public class DatabaseHealthCheck implements HealthCheck {

    @Inject
    private DatabaseMonitor database;

    @Override
    public HealthCheckResponse call() {
        // /health is public: up or down, not the database's version or its error (issue #25); the monitor logs those.
        return HealthCheckResponse.named("database").status(database.available()).build();
    }
}
