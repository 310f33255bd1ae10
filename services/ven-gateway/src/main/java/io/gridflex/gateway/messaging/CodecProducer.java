package io.gridflex.gateway.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.gridflex.messages.MessageCodec;
import io.gridflex.openadr.OpenAdrXml;

/** The two codecs of the gateway, one each: both are thread-safe and costly to build (schemas, JAXB context). */
@ApplicationScoped
public class CodecProducer {

    @Produces
    @ApplicationScoped
    MessageCodec messageCodec() {
        return new MessageCodec();
    }

    @Produces
    @ApplicationScoped
    OpenAdrXml openAdrXml() {
        return new OpenAdrXml();
    }
}
