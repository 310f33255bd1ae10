package io.gridflex.gateway.program;

import java.time.Instant;
import java.util.Locale;

/**
 * A program's standing with its VTN, as GET /api/programs shows it.
 *
 * @param program the program id every DrEvent from this VTN carries
 * @param registered whether a registration is in force; the IDs are null while it is not
 * @param pollInterval the effective interval between polls, ISO-8601 (e.g. PT10S); a push program never polls
 * @param problem the last reason registration or polling failed, null when all is well
 * @param transport {@code pull} or {@code push}
 * @param transportAddress the oadrTransportAddress a push program registers, null for a pull program
 * @param registrationCancelled whether an operator ended the registration (POST .../registration/cancel): the program
 *        then neither registers nor polls until asked to (POST .../registration)
 */
public record ProgramView(String program, boolean registered, String vtnUrl, String venName, String vtnId,
        String venId, String registrationId, Instant registeredAt, Instant lastPollAt, String pollInterval,
        String problem, String transport, String transportAddress, boolean registrationCancelled) {

    static ProgramView of(ProgramConnection program) {
        var state = program.state();
        String interval = state.pollInterval().toString();
        Instant lastPoll = state.lastPollAt().orElse(null);
        String problem = state.lastProblem().orElse(null);
        String transport = program.config().transport().name().toLowerCase(Locale.ROOT);
        String address = program.transportAddress().orElse(null);
        return state.current()
                .map(r -> new ProgramView(program.id(), true, r.vtnUrl(), program.config().venName(), r.vtnId(),
                        r.venId(), r.registrationId(), r.registeredAt(), lastPoll, interval, problem, transport,
                        address, state.held()))
                .orElseGet(() -> new ProgramView(program.id(), false, program.vtnUrl(), program.config().venName(),
                        null, null, null, null, lastPoll, interval, problem, transport, address,
                        state.held()));
    }
}
