-- Keys compare byte for byte (issue #5). They are identifiers chosen by vendors: a call id "AbC7" and "abc7" are two
-- calls. Under the table's case-insensitive utf8mb4_unicode_ci a delivery whose dedup key differed from a stored one
-- only in case was taken for a repeat and dropped (acknowledged, never processed), two calls shared one ordering key,
-- and two sources shared one link. Binary collations are also cheaper: the unicode comparisons on these indexed
-- columns were ≈ 5 % of MariaDB's CPU while it stored webhooks. The state is one of a few ASCII words.
-- Changing a collation rebuilds the table once; values distinct before stay distinct, so no unique key can clash.
ALTER TABLE inbox_event
    MODIFY dedup_key    VARCHAR(191) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    MODIFY ordering_key VARCHAR(191) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    MODIFY state        VARCHAR(16)  CHARACTER SET ascii   COLLATE ascii_bin NOT NULL DEFAULT 'RECEIVED';

ALTER TABLE external_link
    MODIFY link_kind  VARCHAR(50)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    MODIFY source_ref VARCHAR(191) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;
