package io.switchboard.spi.channel;

import java.util.List;

/**
 * What the channel knows of the visitor's session (for ticket texts, contact profiles). Parts may be {@code null}.
 *
 * @param city          city by IP
 * @param pages         visited pages, in order
 * @param trafficSource where the visitor came from (referrer, UTM)
 * @param device        device kind
 * @param os            operating system
 * @param browser       browser
 * @param ip            IP address
 */
public record Visit(String city, List<String> pages, String trafficSource, String device, String os,
                    String browser, String ip) {

    public Visit {
        pages = pages == null ? List.of() : List.copyOf(pages);
    }
}
