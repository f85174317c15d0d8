package io.switchboard.platform.health;

import io.switchboard.platform.plugin.PluginHost;
import io.switchboard.platform.plugin.PluginReport;
import io.switchboard.platform.plugin.PluginStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the plugins directory has been loaded. A plugin that failed does not make the platform unready (it is
 * isolated and reported); the counts show it.
 */
@Readiness
@ApplicationScoped
public class PluginHostHealthCheck implements HealthCheck {

    private PluginHost pluginHost;

    protected PluginHostHealthCheck() {
        // for the CDI proxy
    }

    @Inject
    public PluginHostHealthCheck(PluginHost pluginHost) {
        this.pluginHost = pluginHost;
    }

    @Override
    public HealthCheckResponse call() {
        List<PluginReport> reports = pluginHost.reports();
        long started = reports.stream().filter(r -> r.status() == PluginStatus.STARTED).count();
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("plugins")
                .status(pluginHost.isStarted())
                // Counts only: /health is public, the plugins' folder is the operator's to see (Installed plugins).
                .withData("started", started)
                .withData("notStarted", reports.size() - started);
        return builder.build();
    }
}
