-- Stored webhooks no longer carry the secret that proved them authentic (issue #25; Connector.withoutProof, ADR
-- 0004 "What a database dump exposes"): Sipuni's `token` and Ringostat's `secret` in the URL or a form body, and
-- Usedesk's body field `secret`, which is the connection's API token. Rows stored before this change still hold them
-- for up to the retention period; they are scrubbed here. Processing never reads these values again (the connectors
-- verify on arrival only), so removing them changes no outcome.

-- URL parameters of the three connectors that put a secret there (names compared ignoring case, as the connectors do).
UPDATE inbox_event e JOIN connection c ON c.id = e.connection_id
SET e.query_string = REGEXP_REPLACE(e.query_string, '(?i)(^|&)(token|secret)=[^&]*', '')
WHERE c.connector_id IN ('sipuni', 'ringostat')
  AND e.query_string REGEXP '(?i)(^|&)(token|secret)=';

-- Form bodies (Sipuni, Ringostat, and Usedesk when it posts a form).
UPDATE inbox_event e JOIN connection c ON c.id = e.connection_id
SET e.body = CAST(REGEXP_REPLACE(CONVERT(e.body USING utf8mb4), '(?i)(^|&)(token|secret)=[^&]*', '') AS BINARY)
WHERE c.connector_id IN ('sipuni', 'ringostat', 'usedesk')
  AND CONVERT(e.body USING utf8mb4) REGEXP '(?i)(^|&)(token|secret)=';

-- JSON bodies: the value of a "token" or "secret" member is emptied.
UPDATE inbox_event e JOIN connection c ON c.id = e.connection_id
SET e.body = CAST(REGEXP_REPLACE(CONVERT(e.body USING utf8mb4),
                                 '(?i)"(token|secret)"\\s*:\\s*"[^"]*"', '"\\1":""') AS BINARY)
WHERE c.connector_id IN ('sipuni', 'ringostat', 'usedesk')
  AND CONVERT(e.body USING utf8mb4) REGEXP '(?i)"(token|secret)"\\s*:\\s*"[^"]';
