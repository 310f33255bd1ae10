package io.gridflex.vtnsim.log;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/admin/messages")
@Tag(name = "Messages", description = "What VENs sent to this VTN, in order")
@Produces(MediaType.APPLICATION_JSON)
public class MessageLogResource {

    private final MessageLog log;

    public MessageLogResource(MessageLog log) {
        this.log = log;
    }

    @GET
    @Operation(summary = "Every message VENs sent to the simpleHTTP services, oldest first, with the IDs and codes it"
            + " carried and this VTN's answer; the latest " + MessageLog.CAPACITY + " are kept")
    public List<ReceivedMessage> list(
            @Parameter(description = "only the messages carrying this venID") @QueryParam("venId") String venId,
            @Parameter(description = "only messages of this element name, e.g. oadrPoll") @QueryParam("message") String message,
            @Parameter(description = "only messages after this sequence number") @QueryParam("after") Long after) {
        return log.find(m -> (venId == null || venId.equals(m.venId()))
                && (message == null || message.equals(m.message())) && (after == null || m.sequence() > after));
    }
}
