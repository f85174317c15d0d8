-- A tenant's own request-rate limit for a connection (issue #20, ADR 0009): requests a minute, never above the
-- connector's declared vendor limit; NULL keeps the connector's.
ALTER TABLE connection ADD COLUMN requests_per_minute INT NULL;
