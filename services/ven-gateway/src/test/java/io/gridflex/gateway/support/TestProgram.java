package io.gridflex.gateway.support;

import io.gridflex.gateway.program.ProgramConnection;
import io.gridflex.gateway.program.Programs;
import io.gridflex.gateway.registration.RegistrationState;

/** The program the tests' configuration gives the gateway ({@code %test} in application.properties). */
public final class TestProgram {

    /** Its id, which every DrEvent from the VTN simulator carries. */
    public static final String ID = "default";

    private TestProgram() {
    }

    public static RegistrationState state(Programs programs) {
        return connection(programs).state();
    }

    public static ProgramConnection connection(Programs programs) {
        return programs.find(ID).orElseThrow(() -> new AssertionError("no program " + ID));
    }
}
