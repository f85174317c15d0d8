package io.switchboard.platform.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.spi.error.TransientVendorException;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

class PluginInvokerTest {

    private final ClassLoader pluginLoader = new URLClassLoader(new URL[0], getClass().getClassLoader());

    @Test
    void runsWithThePluginsContextLoaderAndRestoresTheCallers() {
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        ClassLoader during = PluginInvoker.call("acme", pluginLoader, () -> Thread.currentThread().getContextClassLoader());
        assertThat(during).isSameAs(pluginLoader);
        assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(before);
    }

    @Test
    void spiExceptionsPassThroughUnchanged() {
        TransientVendorException busy = new TransientVendorException("busy");
        assertThatThrownBy(() -> PluginInvoker.call("acme", pluginLoader, () -> {
            throw busy;
        })).isSameAs(busy);
    }

    @Test
    void anythingElseBecomesAMalfunctionNamingThePluginAndTheContextLoaderIsRestored() {
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        assertThatThrownBy(() -> PluginInvoker.call("acme", pluginLoader, () -> {
            throw new IllegalStateException("null config");
        })).isInstanceOfSatisfying(PluginMalfunctionException.class, e -> {
            assertThat(e.pluginId()).isEqualTo("acme");
            assertThat(e.getMessage()).isEqualTo("Plugin 'acme' failed: IllegalStateException: null config");
        });
        assertThatThrownBy(() -> PluginInvoker.call("acme", pluginLoader, () -> {
            throw new NoClassDefFoundError("com/example/Missing");
        })).isInstanceOf(PluginMalfunctionException.class).hasMessageContaining("com/example/Missing");
        assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(before);
    }
}
