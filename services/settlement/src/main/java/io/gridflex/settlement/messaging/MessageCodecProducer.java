package io.gridflex.settlement.messaging;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.gridflex.messages.MessageCodec;

/** One codec for the whole service: it compiles every message schema once and is thread-safe. */
public class MessageCodecProducer {

    @Produces
    @Singleton
    MessageCodec messageCodec() {
        return new MessageCodec();
    }
}
