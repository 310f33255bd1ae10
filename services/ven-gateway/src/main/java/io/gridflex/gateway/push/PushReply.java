package io.gridflex.gateway.push;

import java.util.List;

/**
 * What the listener answers one pushed request with, and what the program sends once that answer is out.
 *
 * @param status the HTTP status: 200 with an OpenADR body (or none), 4xx when the request is not one to read
 * @param contentType of {@code body}
 * @param body empty for none
 * @param afterwards requests of the VEN's own to run after the response is written (oadrCreatedEvent)
 */
record PushReply(int status, String contentType, String body, List<Runnable> afterwards) {

    static final String XML = "application/xml";
    static final String TEXT = "text/plain; charset=utf-8";

    PushReply {
        afterwards = List.copyOf(afterwards);
    }

    static PushReply xml(String body, List<Runnable> afterwards) {
        return new PushReply(200, XML, body, afterwards);
    }

    /** A refusal in plain words, for a request that is not OpenADR or not allowed (4xx). */
    static PushReply refused(int status, String reason) {
        return new PushReply(status, TEXT, reason + "\n", List.of());
    }
}
