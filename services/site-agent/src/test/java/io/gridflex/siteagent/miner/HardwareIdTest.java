package io.gridflex.siteagent.miner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;

class HardwareIdTest {

    @Test
    void everyCommonFormOfAMacAddressIsTheSameIdentity() {
        for (String form : new String[]{"CE:59:05:00:03:77", "ce:59:05:00:03:77", "CE-59-05-00-03-77",
                "ce59.0500.0377", "CE5905000377", " ce:59:05:00:03:77 "}) {
            assertThat(HardwareId.ofMac(form)).as(form).contains("ce:59:05:00:03:77");
        }
    }

    @Test
    void whatIsNoMacAddressOrNamesNoUnitIsNoIdentity() {
        for (String form : new String[]{"", "unknown", "CE:59:05:00:03", "CE:59:05:00:03:77:01", "CE:59-05:00:03:7G",
                "00:00:00:00:00:00", "FF:FF:FF:FF:FF:FF", "ce:5905:00:03:77"}) {
            assertThat(HardwareId.ofMac(form)).as(form).isEmpty();
        }
        assertThat(HardwareId.ofMac(null)).isEmpty();
    }

    @Test
    void anInventoryEntryKeepsItsMacAddressThroughItsText() {
        InventoryEntry entry = InventoryEntry.parse("luxos://10.1.2.3?nominal-w=3010&mac=CE-59-05-00-03-77");
        assertThat(entry.hardwareId()).contains("ce:59:05:00:03:77");
        assertThat(entry.nominalW()).isEqualTo(OptionalDouble.of(3010));
        assertThat(InventoryEntry.parse(entry.text())).isEqualTo(entry);

        InventoryEntry macOnly = InventoryEntry.parse("braiins://10.1.2.4:80?mac=ce:59:05:00:03:78");
        assertThat(macOnly.text()).isEqualTo("braiins://10.1.2.4:80?mac=ce:59:05:00:03:78");
        assertThat(InventoryEntry.parse("luxos://10.1.2.5").hardwareId()).isEqualTo(Optional.empty());

        assertThatThrownBy(() -> InventoryEntry.parse("luxos://10.1.2.3?mac=nonsense"))
                .hasMessageContaining("not a MAC address");
        assertThatThrownBy(() -> InventoryEntry.parse("luxos://10.1.2.3?mac=ce:59:05:00:03:77&mac=ce:59:05:00:03:78"))
                .hasMessageContaining("once each");
        assertThatThrownBy(() -> InventoryEntry.parse("luxos://10.1.2.3?colour=red")).hasMessageContaining("options");
    }
}
