package io.switchboard.platform.flow;

import java.time.Instant;
import java.util.Map;

/**
 * A flow as the UI and API show it.
 *
 * @param id       public id
 * @param name     the tenant's name for it
 * @param type     flow type id
 * @param typeName flow type's display name
 * @param source   source connection's public id
 * @param target   target connection's public id
 * @param enabled  whether it runs
 * @param options  its options, typed
 */
public record FlowView(String id, String name, String type, String typeName, String source, String sourceName,
                       String target, String targetName, boolean enabled, Map<String, Object> options,
                       Instant updatedAt) {
}
