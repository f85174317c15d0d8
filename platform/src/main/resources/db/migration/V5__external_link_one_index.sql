-- external_link with one secondary index instead of three (issue #5, end-to-end throughput). The unique key now
-- leads with (flow_id, source_ref), so the same index keeps links unique, serves "all links of a call" and backs the
-- foreign key to flow; the tenant-only index served no query (every query names the flow). Each link written
-- maintained three secondary indexes, and every read made the optimizer estimate ranges on all of them.
ALTER TABLE external_link
    ADD CONSTRAINT uq_external_link_source UNIQUE (flow_id, source_ref, link_kind),
    DROP INDEX uq_external_link,
    DROP INDEX ix_external_link_source,
    DROP INDEX ix_external_link_tenant;
