-- Plugins installed at run time (issue #19, ADR 0011). Every instance reads these tables every few seconds and
-- converges on them: the jar itself lives here, so an instance that never saw the upload loads it too.

-- The plugin jars the platform operator uploaded: one row per plugin id, the version every instance should run.
-- An upgrade replaces the row; removing the plugin deletes it.
CREATE TABLE plugin_upload (
    plugin_id    VARCHAR(100) NOT NULL,
    version      VARCHAR(50)  NOT NULL,
    sha256       CHAR(64)     NOT NULL,
    size_bytes   INT          NOT NULL,
    jar          LONGBLOB     NOT NULL,
    uploaded_by  VARCHAR(255) NOT NULL,
    uploaded_at  TIMESTAMP(3) NOT NULL,
    PRIMARY KEY (plugin_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Plugins the operator switched off, bundled or uploaded: their connectors serve nobody on any instance; the
-- tenants' connections keep their settings and their events wait until the plugin is switched on again.
CREATE TABLE plugin_disabled (
    plugin_id    VARCHAR(100) NOT NULL,
    disabled_by  VARCHAR(255) NOT NULL,
    disabled_at  TIMESTAMP(3) NOT NULL,
    PRIMARY KEY (plugin_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Each running instance's heartbeat: which version of which plugin it serves, in what state (JSON), so the
-- operator sees whether the instances have converged. Rows of instances gone for an hour are deleted.
CREATE TABLE plugin_instance (
    instance_id  VARCHAR(64)  NOT NULL,
    host         VARCHAR(100) NOT NULL,
    started_at   TIMESTAMP(3) NOT NULL,
    seen_at      TIMESTAMP(3) NOT NULL,
    plugins_json MEDIUMTEXT   NOT NULL,
    PRIMARY KEY (instance_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
