package io.gridflex.siteagent.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.gridflex.messages.MessageCodec;

/** One {@link MessageCodec} for the whole agent: it is thread-safe and loading its schemas is not free. */
@ApplicationScoped
public class CodecProducer {

    @Produces
    @ApplicationScoped
    MessageCodec messageCodec() {
        return new MessageCodec();
    }
}
