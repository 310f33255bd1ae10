package io.gridflex.siteagent.miner.luxos;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;

import io.gridflex.siteagent.miner.MinerEndpoint;
import io.gridflex.siteagent.miner.MinerException;
import io.gridflex.siteagent.miner.MinerReading;
import io.gridflex.siteagent.miner.cgminerapi.CgminerReplies;
import io.gridflex.siteagent.miner.cgminerapi.CgminerTransport;
import io.gridflex.siteagent.miner.cgminerapi.JoinedRead;

/**
 * A client of the LUXminer (cgminer-compatible) JSON API over the cgminer transport. Blocking; meant to run on
 * virtual threads, one per miner. Every failure, including an answer whose {@code STATUS} is not success, is a
 * {@link MinerException}.
 * <p>
 * Privileged commands take the miner's one session id as their first parameter. The session is kept open and reused
 * (a shed is then one round trip); when the miner says it is no longer valid (expired after idling, or closed by
 * someone else) a new one is opened and the command sent again, so an expired session never fails a shed. A logon
 * refused because a session is active (code 402: most likely one this agent opened before it was restarted; sessions
 * only coordinate cooperating writers) takes that session over through {@code session}. Session ids never appear in
 * exception messages.
 */
public final class LuxosClient {

    /** LuxOS ends a session after about a minute unused; one unused for less than this is taken as alive. */
    static final Duration FRESH_FOR = Duration.ofSeconds(30);
    /** Status code of a logon refused because a session already exists. */
    static final int SESSION_ACTIVE = 402;
    /** Status code of a privileged command given a session id that is not the active one. */
    static final int INVALID_SESSION = 441;

    private final CgminerTransport transport;
    private final JoinedRead reading;
    private final Clock clock;
    private final Map<MinerEndpoint, String> sessions = new ConcurrentHashMap<>();
    /** When each held session was last used: a session idle for {@link #FRESH_FOR} may have expired. */
    private final Map<MinerEndpoint, Instant> lastUsed = new ConcurrentHashMap<>();

    public LuxosClient(Duration timeout, Clock clock) {
        this.transport = new CgminerTransport(timeout);
        this.reading = new JoinedRead(transport, "power", "summary");
        this.clock = clock;
    }

    /**
     * Draw and hashrate: one round trip with the joined {@code power+summary}, or {@code power} and {@code summary}
     * on a miner whose version does not answer the joined command.
     */
    public MinerReading read(MinerEndpoint miner) throws MinerException {
        JsonNode reply = reading.read(miner);
        JsonNode power = CgminerReplies.section(miner, reply, "power", "POWER");
        JsonNode summary = CgminerReplies.section(miner, reply, "summary", "SUMMARY");
        double watts = CgminerReplies.number(power, "Watts").orElseThrow(
                () -> new MinerException(miner + ": power answer lacks Watts", MinerException.NO_CODE));
        return new MinerReading(watts, CgminerReplies.hashrateGhs(miner, summary), clock.instant());
    }

    /** Whether this miner is read with two commands because it refused the joined one. */
    boolean readsSeparately(MinerEndpoint miner) {
        return reading.separately(miner);
    }

    /** The draw alone, for watching a miner power down. */
    public double powerW(MinerEndpoint miner) throws MinerException {
        JsonNode power = CgminerReplies.section(miner, request(miner, "power", null), "power", "POWER");
        return CgminerReplies.number(power, "Watts").orElseThrow(
                () -> new MinerException(miner + ": power answer lacks Watts", MinerException.NO_CODE));
    }

    /**
     * Makes sure the client holds a session the miner still honours, opening (or taking over) one when it holds none
     * or has not used it for {@link #FRESH_FOR}: the next privileged command is then one round trip.
     */
    public void prepare(MinerEndpoint miner) throws MinerException {
        Instant used = lastUsed.get(miner);
        if (sessions.containsKey(miner) && used != null && used.plus(FRESH_FOR).isAfter(clock.instant())) {
            return;
        }
        sessions.remove(miner);
        openSession(miner);
    }

    /** Runs {@code curtail "<session>,sleep"} or {@code curtail "<session>,wakeup"}. */
    public void curtail(MinerEndpoint miner, String action) throws MinerException {
        privileged(miner, "curtail", action);
    }

    /** Sends one command and returns the answer, failing unless every STATUS in it says success. */
    JsonNode request(MinerEndpoint miner, String command, String parameter) throws MinerException {
        return transport.command(miner, command, parameter);
    }

    /** Sends {@code command "<session>,<argument>"} through the miner's session, opening or renewing it as needed. */
    JsonNode privileged(MinerEndpoint miner, String command, String argument) throws MinerException {
        String session = sessions.get(miner);
        boolean fresh = session == null;
        if (fresh) {
            session = openSession(miner);
        }
        try {
            return sendWith(miner, command, session, argument);
        } catch (MinerException e) {
            if (fresh || !isSessionError(e)) {
                throw e;
            }
            sessions.remove(miner, session);
        }
        return sendWith(miner, command, openSession(miner), argument);
    }

    /** The session this client holds for the miner, if any: for tests. */
    String heldSession(MinerEndpoint miner) {
        return sessions.get(miner);
    }

    private JsonNode sendWith(MinerEndpoint miner, String command, String session, String argument)
            throws MinerException {
        try {
            JsonNode reply = transport.command(miner, command, argument == null ? session : session + "," + argument);
            lastUsed.put(miner, clock.instant());
            return reply;
        } catch (MinerException e) {
            if (isSessionError(e)) {
                sessions.remove(miner, session);
            }
            throw hidden(e, session);
        }
    }

    /**
     * Opens a session, or takes over the one that is open. A session that expires between the refused logon and
     * {@code session} is replaced by one more logon.
     */
    private String openSession(MinerEndpoint miner) throws MinerException {
        for (int attempt = 0; attempt < 2; attempt++) {
            String id;
            try {
                id = sessionId(miner, transport.command(miner, "logon", null));
            } catch (MinerException e) {
                if (e.code() != SESSION_ACTIVE) {
                    throw e;
                }
                id = sessionId(miner, transport.command(miner, "session", null));
            }
            if (!id.isEmpty()) {
                sessions.put(miner, id);
                lastUsed.put(miner, clock.instant());
                return id;
            }
        }
        throw new MinerException(miner + ": logon refused because a session is active, yet none is",
                SESSION_ACTIVE);
    }

    private static boolean isSessionError(MinerException e) {
        if (e.code() == INVALID_SESSION) {
            return true;
        }
        return e.code() != MinerException.NO_CODE && e.code() != SESSION_ACTIVE
                && String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("session id");
    }

    /** The exception without the session id the miner may have echoed. */
    private static MinerException hidden(MinerException e, String session) {
        String message = String.valueOf(e.getMessage());
        if (!message.contains(session)) {
            return e;
        }
        MinerException copy = new MinerException(message.replace(session, "***"), e.code());
        copy.setStackTrace(e.getStackTrace());
        return copy;
    }

    private static String sessionId(MinerEndpoint miner, JsonNode response) throws MinerException {
        JsonNode id = CgminerReplies.section(miner, response, "session", "SESSION").get("SessionID");
        if (id == null || !id.isTextual()) {
            throw new MinerException(miner + ": answer lacks SESSION[0].SessionID", MinerException.NO_CODE);
        }
        return id.asText().trim();
    }
}
