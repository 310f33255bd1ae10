package io.gridflex.vtnsim.openadr;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.gridflex.openadr.OpenAdrXml;

/** One codec for the application: it compiles the schema and the JAXB context, which takes a while. */
public class OpenAdrXmlProducer {

    @Produces
    @Singleton
    OpenAdrXml openAdrXml() {
        return new OpenAdrXml();
    }
}
