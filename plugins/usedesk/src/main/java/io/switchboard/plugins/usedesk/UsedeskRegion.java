package io.switchboard.plugins.usedesk;

import io.switchboard.spi.config.Choice;
import java.util.List;

/** Where the tenant's Usedesk account lives; the API base URL follows from it (README, "Vendor facts"). */
enum UsedeskRegion {
    RU("ru", "Russia (api.usedesk.ru)", "https://api.usedesk.ru/"),
    COM("com", "International (secure.usedesk.com)", "https://secure.usedesk.com/uapi/"),
    CUSTOM("custom", "Self-hosted (enter the server URL)", null);

    final String value;
    final String label;
    final String baseUrl;

    UsedeskRegion(String value, String label, String baseUrl) {
        this.value = value;
        this.label = label;
        this.baseUrl = baseUrl;
    }

    static List<Choice> choices() {
        return java.util.Arrays.stream(values()).map(r -> Choice.of(r.value, r.label)).toList();
    }

    static UsedeskRegion of(String value) {
        for (UsedeskRegion region : values()) {
            if (region.value.equals(value)) {
                return region;
            }
        }
        return RU;
    }
}
