package io.gridflex.openadr;

import org.glassfish.jaxb.runtime.marshaller.NamespacePrefixMapper;

/**
 * Writes OpenADR namespaces with their customary prefixes instead of JAXB's ns2, ns3, ... (the order of the
 * declarations is fixed afterwards by {@link RootNamespaceOrder}).
 */
final class OadrPrefixMapper extends NamespacePrefixMapper {

    @Override
    public String getPreferredPrefix(String namespaceUri, String suggestion, boolean requirePrefix) {
        return OpenAdrNamespaces.PREFIXES.getOrDefault(namespaceUri, suggestion);
    }
}
