package io.gridflex.gateway.registration;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class RegistrarTest {

    @Test
    void aVenIdAllocatedInAdvanceMustBeTheOneTheVtnRegistered() {
        assertThatCode(() -> Registrar.checkVenId(Optional.of("ven-42"), "ven-42", "p")).doesNotThrowAnyException();
        assertThatCode(() -> Registrar.checkVenId(Optional.empty(), "ven-any", "p")).doesNotThrowAnyException();
        assertThatThrownBy(() -> Registrar.checkVenId(Optional.of("ven-42"), "ven-43", "p"))
                .isInstanceOf(RegistrationRefusedException.class)
                .hasMessageContaining("ven-43 but ven-42 was allocated in advance")
                .hasMessageContaining("gridflex.gateway.programs.p.ven-id");
    }
}
