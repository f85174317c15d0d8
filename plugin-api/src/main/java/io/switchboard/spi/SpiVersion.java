package io.switchboard.spi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of this SPI. Plugins state the range they accept in their {@code Plugin-Requires} manifest entry
 * (for example {@code >=1.0.0 & <2.0.0}); the platform refuses a plugin whose range excludes this version.
 * The value is written into the jar from the build (one source: the parent POM).
 */
public final class SpiVersion {

    private SpiVersion() {
    }

    /** @return the SPI version this jar implements, e.g. {@code 1.0.0} */
    public static String current() {
        try (InputStream in = SpiVersion.class.getResourceAsStream("/META-INF/switchboard-spi.properties")) {
            if (in == null) {
                throw new IllegalStateException("META-INF/switchboard-spi.properties missing from the SPI jar");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
