package io.gridflex.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Ports picked one after the other never repeat: a broker's listeners each get their own. */
class FreePortTest {

    @Test
    void picksInARowAreAllDifferent() {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            ports.add(FreePort.pick());
        }
        assertThat(ports).doesNotHaveDuplicates().allMatch(p -> p > 0 && p <= 65535);
    }
}
