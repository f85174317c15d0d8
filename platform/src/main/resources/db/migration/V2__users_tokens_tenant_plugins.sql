-- Users, API tokens, the plugins each tenant switched on, connection state for connectors, and what the connection
-- form needs beyond V1: the inbound URL token (encrypted like secrets) and the last "check connection" result.

-- A person who signs in. Tenant users (TENANT_ADMIN, OPERATOR) belong to a tenant; platform operators
-- (PLATFORM_OPERATOR) have no tenant. E-mail is unique across the platform because it is the login name.
CREATE TABLE app_user (
    id             BIGINT       NOT NULL AUTO_INCREMENT,
    tenant_id      BIGINT,
    email          VARCHAR(254) NOT NULL,
    display_name   VARCHAR(200) NOT NULL,
    password_hash  VARCHAR(400) NOT NULL,
    role           VARCHAR(32)  NOT NULL,
    enabled        BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at     TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (id),
    CONSTRAINT uq_app_user_email UNIQUE (email),
    CONSTRAINT fk_app_user_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id),
    INDEX ix_app_user_tenant (tenant_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A bearer token for the REST API. Only its SHA-256 is stored (tokens are 256 random bits, so a fast hash is
-- enough); the prefix lets a user recognise a token in the list.
CREATE TABLE api_token (
    id            BIGINT       NOT NULL AUTO_INCREMENT,
    user_id       BIGINT       NOT NULL,
    name          VARCHAR(100) NOT NULL,
    token_sha256  CHAR(64)     NOT NULL,
    prefix        VARCHAR(12)  NOT NULL,
    created_at    TIMESTAMP(3) NOT NULL,
    last_used_at  TIMESTAMP(3),
    PRIMARY KEY (id),
    CONSTRAINT uq_api_token_hash UNIQUE (token_sha256),
    CONSTRAINT fk_api_token_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The plugins a tenant has switched on (the catalogue); a connection can only be made with an enabled plugin.
CREATE TABLE tenant_plugin (
    tenant_id   BIGINT       NOT NULL,
    plugin_id   VARCHAR(100) NOT NULL,
    enabled_at  TIMESTAMP(3) NOT NULL,
    PRIMARY KEY (tenant_id, plugin_id),
    CONSTRAINT fk_tenant_plugin_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The connector's private key-value store (KeyValueStore in the SPI).
CREATE TABLE connection_state (
    tenant_id      BIGINT        NOT NULL,
    connection_id  BIGINT        NOT NULL,
    state_key      VARCHAR(200)  NOT NULL,
    state_value    VARCHAR(4096) NOT NULL,
    updated_at     TIMESTAMP(3)  NOT NULL,
    PRIMARY KEY (connection_id, state_key),
    CONSTRAINT fk_connection_state_connection FOREIGN KEY (connection_id) REFERENCES connection (id) ON DELETE CASCADE,
    INDEX ix_connection_state_tenant (tenant_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

ALTER TABLE connection
    ADD COLUMN inbound_token_cipher  BLOB         NOT NULL AFTER secrets_key_id,
    ADD COLUMN inbound_token_key_id  VARCHAR(40)  NOT NULL AFTER inbound_token_cipher,
    ADD COLUMN last_check_ok         BOOLEAN      AFTER enabled,
    ADD COLUMN last_check_message    VARCHAR(1000) AFTER last_check_ok,
    ADD COLUMN last_check_at         TIMESTAMP(3) AFTER last_check_message,
    ADD CONSTRAINT uq_connection_tenant_name UNIQUE (tenant_id, name);
