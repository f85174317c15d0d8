-- Claims that keep two events from creating the same thing in one target connection at the same time, across
-- instances (issue #20, docs/flows.md "Exactly once"): e.g. two calls from one new number, which would each miss
-- the client and create one. A claim is held by one event until its run ends; one a crashed run left behind is
-- taken over once it expired.
CREATE TABLE flow_claim (
    connection_id BIGINT        NOT NULL,
    claim_key     VARCHAR(191)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    tenant_id     BIGINT        NOT NULL,
    owner         VARCHAR(64)   NOT NULL,
    expires_at    TIMESTAMP(3)  NOT NULL,
    PRIMARY KEY (connection_id, claim_key),
    CONSTRAINT fk_flow_claim_connection FOREIGN KEY (connection_id) REFERENCES connection (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
