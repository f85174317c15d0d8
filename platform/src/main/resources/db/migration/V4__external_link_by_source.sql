-- A flow reads all links of one source reference (e.g. every link of a call) in one query (issue #5, end-to-end
-- throughput: one SELECT per link kind per event was 11 % of a worker's time). The unique key leads with link_kind,
-- so it cannot serve (flow_id, source_ref).
CREATE INDEX ix_external_link_source ON external_link (flow_id, source_ref);
