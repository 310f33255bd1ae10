package io.gridflex.siteagent;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;

/** Configuration interfaces with a few answers changed, for tests that need one setting other than the usual. */
public final class ConfigOverrides {

    private ConfigOverrides() {
    }

    /** {@code base} with the named no-argument methods answering the given values instead. */
    public static <T> T override(Class<T> type, T base, Map<String, Object> values) {
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
