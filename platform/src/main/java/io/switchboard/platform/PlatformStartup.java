package io.switchboard.platform;

import io.switchboard.platform.persistence.SchemaMigration;
import io.switchboard.platform.plugin.PluginHost;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import io.switchboard.platform.secret.SecretKeyRing;
import io.switchboard.platform.security.OperatorBootstrap;
import jakarta.inject.Inject;
import java.util.Objects;

/**
 * What happens when the application starts, in order: the schema is migrated, then the plugins are loaded (their
 * outcome is written to the database, so the schema must exist first).
 */
@ApplicationScoped
public class PlatformStartup {

    private SchemaMigration schemaMigration;
    private PluginHost pluginHost;
    private OperatorBootstrap operatorBootstrap;
    private SecretKeyRing secretKeys;
    private io.switchboard.platform.pipeline.PipelineWorkers pipeline;
    private io.switchboard.platform.inbound.MalformedRequestLog malformedRequests;
    private io.switchboard.platform.persistence.DatabaseMonitor databaseMonitor;

    protected PlatformStartup() {
        // for the CDI proxy
    }

    @Inject
    public PlatformStartup(SchemaMigration schemaMigration, PluginHost pluginHost,
                           OperatorBootstrap operatorBootstrap, SecretKeyRing secretKeys,
                           io.switchboard.platform.pipeline.PipelineWorkers pipeline,
                           io.switchboard.platform.inbound.MalformedRequestLog malformedRequests,
                           io.switchboard.platform.persistence.DatabaseMonitor databaseMonitor) {
        this.schemaMigration = schemaMigration;
        this.pluginHost = pluginHost;
        this.operatorBootstrap = operatorBootstrap;
        this.secretKeys = secretKeys;
        this.pipeline = pipeline;
        this.malformedRequests = malformedRequests;
        this.databaseMonitor = databaseMonitor;
    }

    void onStart(@Observes Startup event) {
        // Fail the start at once when no secrets key is configured, rather than at the first connection saved.
        Objects.requireNonNull(secretKeys.toString());
        malformedRequests.install();
        databaseMonitor.start();
        schemaMigration.migrate();
        operatorBootstrap.ensureOperator();
        pluginHost.start();
        pipeline.start();
    }
}
