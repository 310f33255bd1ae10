package io.gridflex.siteagent.bench;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;

import io.gridflex.siteagent.SiteConfig;

/**
 * A test site configuration with the service's own defaults for what a benchmark measures (request timeout, retries,
 * confirmation time, sample and control intervals), in place of the short ones tests use to be quick.
 */
final class ProductionSettings {

    private ProductionSettings() {
    }

    static SiteConfig of(SiteConfig test) {
        SiteConfig.Miner miner = override(SiteConfig.Miner.class, test.miner(), Map.of("timeout",
                Duration.ofSeconds(2), "retries", 2, "retryDelay", Duration.ofMillis(300), "failureCooldown",
                Duration.ofSeconds(30)));
        SiteConfig.Shed shed = override(SiteConfig.Shed.class, test.shed(),
                Map.of("confirmTimeout", Duration.ofSeconds(10)));
        return override(SiteConfig.class, test, Map.of("sampleInterval", Duration.ofSeconds(1), "controlInterval",
                Duration.ofMillis(250), "miner", miner, "shed", shed));
    }

    /** {@code base} with the named no-argument methods answering the given values instead. */
    private static <T> T override(Class<T> type, T base, Map<String, Object> values) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (proxy, method, args) -> {
            if (args == null && values.containsKey(method.getName())) {
                return values.get(method.getName());
            }
            try {
                return method.invoke(base, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }
}
