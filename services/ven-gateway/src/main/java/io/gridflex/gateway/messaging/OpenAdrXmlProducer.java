package io.gridflex.gateway.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.gridflex.openadr.OpenAdrXml;

/** The gateway's one OpenADR codec: thread-safe and costly to build (schemas, JAXB context). The Kafka codec comes from service-support. */
@ApplicationScoped
public class OpenAdrXmlProducer {

    @Produces
    @ApplicationScoped
    OpenAdrXml openAdrXml() {
        return new OpenAdrXml();
    }
}
