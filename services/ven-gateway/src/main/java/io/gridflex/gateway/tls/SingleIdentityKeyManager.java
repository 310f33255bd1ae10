package io.gridflex.gateway.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Presents the one {@link ClientIdentity} of a VTN connection as client certificate; never acts as a server. It
 * presents it whatever CA names the VTN lists in its certificate request, as OpenSSL-based clients do: the JDK's own key
 * manager sends no certificate when our issuer is not in that list, which a VTN then reports as "no client
 * certificate" instead of naming the certificate it refused.
 */
final class SingleIdentityKeyManager extends X509ExtendedKeyManager {

    private static final String ALIAS = "ven";

    private final ClientIdentity identity;

    SingleIdentityKeyManager(ClientIdentity identity) {
        this.identity = identity;
    }

    /** Our identity for any key type it has, whatever the issuers. */
    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return fits(keyTypes) ? ALIAS : null;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return fits(keyTypes) ? ALIAS : null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return fits(new String[]{keyType}) ? new String[]{ALIAS} : null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return null;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return ALIAS.equals(alias) ? identity.chain().toArray(X509Certificate[]::new) : null;
    }

    private boolean fits(String[] keyTypes) {
        return keyTypes == null || Arrays.asList(keyTypes).contains(identity.privateKey().getAlgorithm());
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return ALIAS.equals(alias) ? identity.privateKey() : null;
    }
}
