package io.switchboard.platform.plugin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Stores the outcome of each plugin load in {@code installed_plugin}. */
@ApplicationScoped
public class InstalledPluginRepository {

    @PersistenceContext(unitName = "switchboard")
    private EntityManager em;

    /** Records every report that has a plugin id (a jar that could not even be read has none). */
    @Transactional
    public void recordLoads(Collection<PluginReport> reports, Instant at) {
        for (PluginReport report : reports) {
            if (report.pluginId() == null) {
                continue;
            }
            InstalledPlugin row = em.find(InstalledPlugin.class, report.pluginId());
            if (row == null) {
                row = new InstalledPlugin(report.pluginId(), at);
                row.recordLoad(report, at);
                em.persist(row);
            } else {
                row.recordLoad(report, at);
            }
        }
    }

    /** @return every recorded plugin by id */
    @Transactional
    public Map<String, InstalledPlugin> all() {
        List<InstalledPlugin> rows = em.createQuery("select p from InstalledPlugin p", InstalledPlugin.class)
                .getResultList();
        return rows.stream().collect(Collectors.toMap(InstalledPlugin::pluginId, Function.identity()));
    }
}
