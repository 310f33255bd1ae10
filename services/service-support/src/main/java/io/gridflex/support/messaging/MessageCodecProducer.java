package io.gridflex.support.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.gridflex.messages.MessageCodec;

/**
 * The one {@link MessageCodec} of a service: every Kafka message it reads or writes goes through it, so every service
 * checks the same JSON Schemas the same way.
 */
@ApplicationScoped
public class MessageCodecProducer {

    @Produces
    @ApplicationScoped
    MessageCodec messageCodec() {
        return new MessageCodec();
    }
}
