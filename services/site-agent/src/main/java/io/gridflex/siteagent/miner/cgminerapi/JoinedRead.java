package io.gridflex.siteagent.miner.cgminerapi;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gridflex.siteagent.miner.MinerEndpoint;
import io.gridflex.siteagent.miner.MinerException;

/**
 * Reads two commands in one round trip with the cgminer API's joined command ({@code power+summary}) where the
 * miner's firmware version answers it, and in two round trips where it does not. Which miners need two is learnt
 * per miner, once: a miner that refuses the joined command (an error status, or parts missing) is not unreachable,
 * it is older. A miner that does not answer, or answers garbage, teaches nothing and fails the read.
 */
public final class JoinedRead {

    private static final Logger LOG = Logger.getLogger(JoinedRead.class);

    private final CgminerTransport transport;
    private final String first;
    private final String second;
    private final Set<MinerEndpoint> separately = ConcurrentHashMap.newKeySet();

    public JoinedRead(CgminerTransport transport, String first, String second) {
        this.transport = transport;
        this.first = first;
        this.second = second;
    }

    /**
     * The two answers, as a joined reply: {@code {"<first>":[{...}],"<second>":[{...}]}}, each part's status
     * checked.
     */
    public JsonNode read(MinerEndpoint miner) throws MinerException {
        if (!separately.contains(miner)) {
            String joined = first + "+" + second;
            String why;
            try {
                JsonNode reply = transport.command(miner, joined, null);
                if (reply.path(first).path(0).isObject() && reply.path(second).path(0).isObject()) {
                    return reply;
                }
                why = "its answer lacks the parts";
            } catch (MinerException e) {
                if (CgminerTransport.isTransportFailure(e)) {
                    // no answer, or garbage: says nothing about the joined command
                    throw e;
                }
                why = e.getMessage();
            }
            separately.add(miner);
            LOG.infof("miner %s does not answer the joined command %s (%s); reading it with two commands from now on",
                    miner, joined, why);
        }
        ObjectNode reply = CgminerJson.mapper().createObjectNode();
        reply.putArray(first).add(transport.command(miner, first, null));
        reply.putArray(second).add(transport.command(miner, second, null));
        return reply;
    }

    /** Whether this miner is read with two commands. */
    public boolean separately(MinerEndpoint miner) {
        return separately.contains(miner);
    }
}
