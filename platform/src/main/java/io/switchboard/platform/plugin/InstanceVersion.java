package io.switchboard.platform.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one platform instance runs of one plugin, from its last heartbeat ({@code plugin_instance}).
 *
 * @param instanceId the instance's name ({@code instance-…})
 * @param host       the machine it runs on
 * @param version    the plugin version it serves
 * @param source     BUNDLED or UPLOADED
 * @param state      STARTED, FAILING, DISABLED, FAILED, INCOMPATIBLE or REPLACED there
 * @param reason     why it is not running or failing there, or {@code null}
 * @param seenAt     the instance's last heartbeat
 * @param live       true when that heartbeat is recent (an instance that stopped or hangs is not)
 */
public record InstanceVersion(String instanceId, String host, String version, String source, String state,
                              String reason, Instant seenAt, boolean live) {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Heartbeats come every 10 s at least; three missed make an instance look gone. */
    static final Duration LIVE_WITHIN = Duration.ofSeconds(30);

    /** @return true when the instance's last heartbeat is recent enough for it to be running */
    public static boolean isLive(PluginStore.Heartbeat beat, Instant now) {
        return Duration.between(beat.seenAt(), now).compareTo(LIVE_WITHIN) <= 0;
    }

    /** @return every instance's versions by plugin id; a plugin an instance does not know is not listed for it */
    public static Map<String, List<InstanceVersion>> byPlugin(List<PluginStore.Heartbeat> beats, Instant now) {
        Map<String, List<InstanceVersion>> byPlugin = new LinkedHashMap<>();
        for (PluginStore.Heartbeat beat : beats) {
            JsonNode plugins;
            try {
                plugins = JSON.readTree(beat.pluginsJson());
            } catch (IOException e) {
                continue;
            }
            boolean live = isLive(beat, now);
            for (JsonNode p : plugins) {
                byPlugin.computeIfAbsent(p.path("id").asText(), id -> new ArrayList<>()).add(new InstanceVersion(
                        beat.instanceId(), beat.host(), p.path("version").asText(), p.path("source").asText(),
                        p.path("state").asText(), p.hasNonNull("reason") ? p.path("reason").asText() : null,
                        beat.seenAt(), live));
            }
        }
        return byPlugin;
    }
}
