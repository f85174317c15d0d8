-- The durable inbox of inbound webhooks (issue #5): a verified request is stored here, committed, and only then
-- acknowledged; workers process it later. One row per accepted delivery; a repeated delivery with the same dedup
-- key is acknowledged but not stored again.
CREATE TABLE inbox_event (
    id               BIGINT       NOT NULL AUTO_INCREMENT,
    tenant_id        BIGINT       NOT NULL,
    connection_id    BIGINT       NOT NULL,
    received_at      TIMESTAMP(3) NOT NULL,
    method           VARCHAR(10)  NOT NULL,
    query_string     TEXT,
    headers_json     TEXT         NOT NULL,
    body             MEDIUMBLOB   NOT NULL,
    dedup_key        VARCHAR(191),
    ordering_key     VARCHAR(191),
    state            VARCHAR(16)  NOT NULL DEFAULT 'RECEIVED',
    attempts         INT          NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMP(3) NOT NULL,
    locked_by        VARCHAR(64),
    locked_until     TIMESTAMP(3),
    processed_by     VARCHAR(64),
    last_error       VARCHAR(2000),
    summary          VARCHAR(500),
    result_json      TEXT,
    finished_at      TIMESTAMP(3),
    PRIMARY KEY (id),
    CONSTRAINT uq_inbox_dedup UNIQUE (connection_id, dedup_key),
    CONSTRAINT fk_inbox_connection FOREIGN KEY (connection_id) REFERENCES connection (id) ON DELETE CASCADE,
    INDEX ix_inbox_state_id (state, id),
    INDEX ix_inbox_order (connection_id, ordering_key, id),
    INDEX ix_inbox_tenant (tenant_id, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A flow moves events of a source connection to a target connection (e.g. Sipuni calls → Usedesk tickets). Its
-- options are JSON validated against the flow type's schema.
CREATE TABLE flow (
    id                    BIGINT       NOT NULL AUTO_INCREMENT,
    tenant_id             BIGINT       NOT NULL,
    public_id             VARCHAR(40)  NOT NULL,
    flow_type             VARCHAR(100) NOT NULL,
    name                  VARCHAR(200) NOT NULL,
    source_connection_id  BIGINT       NOT NULL,
    target_connection_id  BIGINT       NOT NULL,
    options_json          LONGTEXT     NOT NULL,
    enabled               BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at            TIMESTAMP(3) NOT NULL,
    updated_at            TIMESTAMP(3) NOT NULL,
    version               BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    CONSTRAINT uq_flow_public_id UNIQUE (public_id),
    CONSTRAINT uq_flow_tenant_name UNIQUE (tenant_id, name),
    CONSTRAINT fk_flow_source FOREIGN KEY (source_connection_id) REFERENCES connection (id),
    CONSTRAINT fk_flow_target FOREIGN KEY (target_connection_id) REFERENCES connection (id),
    INDEX ix_flow_source (source_connection_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- What a flow created for what (call id → ticket id, phone → client id): looked up before creating, written right
-- after, so a retried or replayed event never creates a second client, ticket or comment.
CREATE TABLE external_link (
    id          BIGINT        NOT NULL AUTO_INCREMENT,
    tenant_id   BIGINT        NOT NULL,
    flow_id     BIGINT        NOT NULL,
    link_kind   VARCHAR(50)   NOT NULL,
    source_ref  VARCHAR(191)  NOT NULL,
    target_ref  VARCHAR(191)  NOT NULL,
    created_at  TIMESTAMP(3)  NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_external_link UNIQUE (flow_id, link_kind, source_ref),
    CONSTRAINT fk_external_link_flow FOREIGN KEY (flow_id) REFERENCES flow (id) ON DELETE CASCADE,
    INDEX ix_external_link_tenant (tenant_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
