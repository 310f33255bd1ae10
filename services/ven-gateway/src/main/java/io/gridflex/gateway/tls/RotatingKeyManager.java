package io.gridflex.gateway.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A key manager that presents the current generation of a {@link RotatingIdentity}: it asks a key manager made for
 * that generation, and tags the alias with the generation's number ({@code <alias>#<n>}), so the chain and the key a
 * handshake fetches afterwards are of one and the same pair even if a renewal lands in between.
 */
final class RotatingKeyManager extends X509ExtendedKeyManager {

    private final RotatingIdentity identity;
    private final Function<ClientIdentity, X509ExtendedKeyManager> factory;
    private final Map<Long, X509ExtendedKeyManager> byGeneration = new ConcurrentHashMap<>();

    /** @param factory makes the key manager of one pair, e.g. {@link SingleIdentityKeyManager#new} */
    RotatingKeyManager(RotatingIdentity identity, Function<ClientIdentity, X509ExtendedKeyManager> factory) {
        this.identity = identity;
        this.factory = factory;
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        WatchedFiles.Generation<ClientIdentity> now = identity.current();
        return tag(manager(now).chooseClientAlias(keyTypes, issuers, socket), now);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        WatchedFiles.Generation<ClientIdentity> now = identity.current();
        return tag(manager(now).chooseEngineClientAlias(keyTypes, issuers, engine), now);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        WatchedFiles.Generation<ClientIdentity> now = identity.current();
        return tag(manager(now).chooseServerAlias(keyType, issuers, socket), now);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        WatchedFiles.Generation<ClientIdentity> now = identity.current();
        return tag(manager(now).chooseEngineServerAlias(keyType, issuers, engine), now);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        WatchedFiles.Generation<ClientIdentity> now = identity.current();
        return tag(manager(now).getClientAliases(keyType, issuers), now);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        WatchedFiles.Generation<ClientIdentity> now = identity.current();
        return tag(manager(now).getServerAliases(keyType, issuers), now);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        Tagged tagged = Tagged.parse(alias);
        X509ExtendedKeyManager manager = tagged == null ? null : manager(tagged.generation());
        return manager == null ? null : manager.getCertificateChain(tagged.alias());
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        Tagged tagged = Tagged.parse(alias);
        X509ExtendedKeyManager manager = tagged == null ? null : manager(tagged.generation());
        return manager == null ? null : manager.getPrivateKey(tagged.alias());
    }

    private X509ExtendedKeyManager manager(WatchedFiles.Generation<ClientIdentity> generation) {
        byGeneration.keySet().removeIf(number -> number < generation.number() - 1);
        return byGeneration.computeIfAbsent(generation.number(), number -> factory.apply(generation.value()));
    }

    /** The key manager of an earlier generation still known (the current one or the one it replaced), else null. */
    private X509ExtendedKeyManager manager(long generation) {
        X509ExtendedKeyManager known = byGeneration.get(generation);
        if (known != null) {
            return known;
        }
        return identity.generation(generation)
                .map(pair -> byGeneration.computeIfAbsent(generation, number -> factory.apply(pair))).orElse(null);
    }

    private static String tag(String alias, WatchedFiles.Generation<?> generation) {
        return alias == null ? null : alias + "#" + generation.number();
    }

    private static String[] tag(String[] aliases, WatchedFiles.Generation<?> generation) {
        if (aliases == null) {
            return null;
        }
        String[] tagged = new String[aliases.length];
        for (int i = 0; i < aliases.length; i++) {
            tagged[i] = tag(aliases[i], generation);
        }
        return tagged;
    }

    private record Tagged(String alias, long generation) {

        static Tagged parse(String tagged) {
            int hash = tagged == null ? -1 : tagged.lastIndexOf('#');
            if (hash < 0) {
                return null;
            }
            try {
                return new Tagged(tagged.substring(0, hash), Long.parseLong(tagged.substring(hash + 1)));
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }
}
