package io.gridflex.dispatch.event;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.dispatch.registry.Program;
import io.gridflex.dispatch.registry.ProgramRepository;
import io.gridflex.messages.DrEvent;

/**
 * Only events of registered programs are dispatched, and only from the VTN and market context the program names:
 * an event published by anyone else is recorded and refused, never shed or billed.
 */
@ApplicationScoped
public class ProgramCheck {

    private final ProgramRepository programs;

    public ProgramCheck(ProgramRepository programs) {
        this.programs = programs;
    }

    /** Why the event is refused, or null when its program takes it. */
    public Refusal check(Connection connection, DrEvent event) throws SQLException {
        Optional<Program> found = programs.find(connection, event.program());
        if (found.isEmpty()) {
            return new Refusal(EventOutcome.UNKNOWN_PROGRAM,
                    "program " + event.program() + " is not in the fleet registry");
        }
        Program program = found.get();
        if (program.vtnId() != null && !program.vtnId().equals(event.vtnId())) {
            return new Refusal(EventOutcome.FOREIGN, "program " + program.programId() + " takes events from VTN "
                    + program.vtnId() + ", not " + event.vtnId());
        }
        if (program.marketContext() != null && !program.marketContext().equals(event.marketContext())) {
            return new Refusal(EventOutcome.FOREIGN, "program " + program.programId() + " is market context "
                    + program.marketContext() + ", not " + event.marketContext());
        }
        return null;
    }
}
