package io.switchboard.platform.plugin;

import java.util.List;
import org.pf4j.ClassLoadingStrategy;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;

/**
 * A plugin's class loader: child-first for the plugin's own classes, but the SPI, PF4J, Jackson and SLF4J always
 * come from the platform. A plugin that bundles its own copy of the SPI by mistake then still works, instead of
 * failing with "not assignable" / loader-constraint errors (MODELS.md trap 1).
 */
final class SpiFirstPluginClassLoader extends PluginClassLoader {

    private static final List<String> PLATFORM_PACKAGES =
            List.of("io.switchboard.spi.", "org.pf4j.", "com.fasterxml.jackson.", "org.slf4j.");

    SpiFirstPluginClassLoader(PluginManager manager, PluginDescriptor descriptor, ClassLoader platformLoader) {
        super(manager, descriptor, platformLoader, ClassLoadingStrategy.PDA);
    }

    @Override
    public Class<?> loadClass(String className) throws ClassNotFoundException {
        for (String prefix : PLATFORM_PACKAGES) {
            if (className.startsWith(prefix)) {
                return getParent().loadClass(className);
            }
        }
        return super.loadClass(className);
    }
}
