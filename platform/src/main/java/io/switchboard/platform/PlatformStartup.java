package io.switchboard.platform;

import io.switchboard.platform.persistence.SchemaMigration;
import io.switchboard.platform.plugin.PluginHost;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;

/**
 * What happens when the application starts, in order: the schema is migrated, then the plugins are loaded (their
 * outcome is written to the database, so the schema must exist first).
 */
@ApplicationScoped
public class PlatformStartup {

    private SchemaMigration schemaMigration;
    private PluginHost pluginHost;

    protected PlatformStartup() {
        // for the CDI proxy
    }

    @Inject
    public PlatformStartup(SchemaMigration schemaMigration, PluginHost pluginHost) {
        this.schemaMigration = schemaMigration;
        this.pluginHost = pluginHost;
    }

    void onStart(@Observes Startup event) {
        schemaMigration.migrate();
        pluginHost.start();
    }
}
