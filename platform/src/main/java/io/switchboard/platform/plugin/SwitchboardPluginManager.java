package io.switchboard.platform.plugin;

import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.pf4j.DefaultPluginManager;
import org.pf4j.ExtensionFactory;
import org.pf4j.ManifestPluginDescriptorFinder;
import org.pf4j.Plugin;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PluginFactory;
import org.pf4j.PluginLoader;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginStatusProvider;
import org.pf4j.PluginWrapper;
import org.pf4j.RuntimeMode;
import org.pf4j.SingletonExtensionFactory;

/**
 * PF4J configured for the platform: plain jars with a manifest descriptor, deployment mode regardless of system
 * properties, the SPI version as system version, plugin class loaders parented by the platform's own loader (so
 * plugins see the SPI in either layout, WAR or {@code --addlibs}), one instance per extension, and plugin-class
 * failures raised with their cause rather than logged and swallowed.
 */
final class SwitchboardPluginManager extends DefaultPluginManager {

    SwitchboardPluginManager(Path pluginsDir, String spiVersion) {
        super(pluginsDir);
        setSystemVersion(spiVersion);
        setExactVersionAllowed(false);
    }

    @Override
    public RuntimeMode getRuntimeMode() {
        return RuntimeMode.DEPLOYMENT;
    }

    @Override
    protected PluginDescriptorFinder createPluginDescriptorFinder() {
        return new ManifestPluginDescriptorFinder();
    }

    @Override
    protected PluginLoader createPluginLoader() {
        ClassLoader platformLoader = SwitchboardPluginManager.class.getClassLoader();
        return new PluginLoader() {
            @Override
            public boolean isApplicable(Path pluginPath) {
                return Files.isRegularFile(pluginPath) && pluginPath.getFileName().toString().endsWith(".jar");
            }

            @Override
            public ClassLoader loadPlugin(Path pluginPath, PluginDescriptor descriptor) {
                SpiFirstPluginClassLoader loader =
                        new SpiFirstPluginClassLoader(SwitchboardPluginManager.this, descriptor, platformLoader);
                loader.addFile(pluginPath.toFile());
                return loader;
            }
        };
    }

    /**
     * Every jar in the directory is loaded: PF4J's enabled.txt / disabled.txt files are not consulted (a plugin
     * disabled that way would look like an incompatible one). Switching plugins on and off is the platform's own
     * business, per tenant.
     */
    @Override
    protected PluginStatusProvider createPluginStatusProvider() {
        return new PluginStatusProvider() {
            @Override
            public boolean isPluginDisabled(String pluginId) {
                return false;
            }

            @Override
            public void disablePlugin(String pluginId) {
                throw new PluginRuntimeException("plugins are switched on and off by the platform, not by PF4J files");
            }

            @Override
            public void enablePlugin(String pluginId) {
                // every loaded plugin is enabled
            }
        };
    }

    @Override
    protected ExtensionFactory createExtensionFactory() {
        return new SingletonExtensionFactory(this);
    }

    @Override
    protected PluginFactory createPluginFactory() {
        return SwitchboardPluginManager::createPlugin;
    }

    private static Plugin createPlugin(PluginWrapper wrapper) {
        String className = wrapper.getDescriptor().getPluginClass();
        try {
            Class<?> type = wrapper.getPluginClassLoader().loadClass(className);
            if (!Plugin.class.isAssignableFrom(type)) {
                throw new PluginRuntimeException("Plugin-Class {} does not extend org.pf4j.Plugin", className);
            }
            try {
                return (Plugin) type.getConstructor(PluginWrapper.class).newInstance(wrapper);
            } catch (NoSuchMethodException noWrapperConstructor) {
                return (Plugin) type.getConstructor().newInstance();
            }
        } catch (InvocationTargetException e) {
            throw new PluginRuntimeException(e.getCause(), "Plugin class {} threw while being created", className);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new PluginRuntimeException(e, "Cannot create plugin class {}", className);
        }
    }
}
