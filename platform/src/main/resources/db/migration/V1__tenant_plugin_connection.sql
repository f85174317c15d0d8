-- First tables of the platform. Later issues add users, flows, the inbox and the activity log in new migrations;
-- never edit a migration that has shipped.

CREATE TABLE tenant (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    slug        VARCHAR(64)  NOT NULL,
    name        VARCHAR(200) NOT NULL,
    status      VARCHAR(16)  NOT NULL DEFAULT 'ACTIVE',
    created_at  TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (id),
    CONSTRAINT uq_tenant_slug UNIQUE (slug)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One row per plugin id the platform has loaded (or tried to): the operator's record of what is installed, with
-- the checksum of the jar last seen, so a changed jar is visible.
CREATE TABLE installed_plugin (
    plugin_id       VARCHAR(100) NOT NULL,
    version         VARCHAR(50)  NOT NULL,
    jar_file        VARCHAR(255) NOT NULL,
    sha256          CHAR(64)     NOT NULL,
    state           VARCHAR(16)  NOT NULL,
    failure_reason  VARCHAR(1000),
    kinds           VARCHAR(100) NOT NULL DEFAULT '',
    first_seen_at   TIMESTAMP(3) NOT NULL,
    last_loaded_at  TIMESTAMP(3) NOT NULL,
    PRIMARY KEY (plugin_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A connection is a tenant's configured instance of a connector. Plain settings are JSON; secret settings are
-- encrypted (AES-GCM) and stored with the id of the key that encrypted them, so keys can rotate.
CREATE TABLE connection (
    id              BIGINT       NOT NULL AUTO_INCREMENT,
    tenant_id       BIGINT       NOT NULL,
    public_id       VARCHAR(40)  NOT NULL,
    plugin_id       VARCHAR(100) NOT NULL,
    connector_id    VARCHAR(100) NOT NULL,
    name            VARCHAR(200) NOT NULL,
    config_json     LONGTEXT     NOT NULL,
    secrets_cipher  BLOB,
    secrets_key_id  VARCHAR(40),
    enabled         BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    updated_at      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    version         BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    CONSTRAINT uq_connection_public_id UNIQUE (public_id),
    CONSTRAINT fk_connection_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id),
    INDEX ix_connection_tenant (tenant_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
