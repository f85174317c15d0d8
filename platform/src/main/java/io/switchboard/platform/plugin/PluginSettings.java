package io.switchboard.platform.plugin;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the plugin settings that are lists ({@code switchboard.plugins.call-timeouts}). */
final class PluginSettings {

    private PluginSettings() {
    }

    /**
     * @param text {@code pluginId=seconds[,pluginId=seconds…]}, e.g. {@code slow-crm=120,sleepy=2.5}
     * @return the deadlines by plugin id
     * @throws IllegalArgumentException for an entry that is not {@code id=seconds}
     */
    static Map<String, Duration> timeouts(String text) {
        Map<String, Duration> timeouts = new LinkedHashMap<>();
        for (String entry : text.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] parts = entry.split("=", 2);
            try {
                if (parts.length != 2 || parts[0].isBlank()) {
                    throw new NumberFormatException();
                }
                double seconds = Double.parseDouble(parts[1].trim());
                if (seconds < 0) {
                    throw new NumberFormatException();
                }
                timeouts.put(parts[0].trim(), Duration.ofMillis(Math.round(seconds * 1000)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("switchboard.plugins.call-timeouts: '" + entry.trim()
                        + "' is not pluginId=seconds");
            }
        }
        return timeouts;
    }
}
