package io.gridflex.siteagent.miner.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class AddressRangeTest {

    @Test
    void aCidrBlockHoldsEveryAddressOfItsPrefix() {
        AddressRange block = AddressRange.parse("10.0.4.0/22");
        assertThat(block.size()).isEqualTo(1024);
        assertThat(block.address(0)).isEqualTo("10.0.4.0");
        assertThat(block.address(255)).isEqualTo("10.0.4.255");
        assertThat(block.address(256)).isEqualTo("10.0.5.0");
        assertThat(block.address(1023)).isEqualTo("10.0.7.255");
        assertThat(block.contains("10.0.7.255")).isTrue();
        assertThat(block.contains("10.0.8.0")).isFalse();
        assertThat(AddressRange.parse("192.168.1.7/32").size()).isEqualTo(1);
        assertThat(AddressRange.parse(" 172.16.0.0/12 ").size()).isEqualTo(1L << 20);
    }

    @Test
    void aDashRangeIsInclusiveAndMayCrossOctets() {
        AddressRange range = AddressRange.parse("10.0.4.250-10.0.5.3");
        assertThat(range.size()).isEqualTo(10);
        assertThat(range.address(0)).isEqualTo("10.0.4.250");
        assertThat(range.address(9)).isEqualTo("10.0.5.3");
        assertThat(range).hasToString("10.0.4.250-10.0.5.3");
        assertThat(AddressRange.parse("10.0.4.9").size()).isEqualTo(1);
        assertThat(AddressRange.parse("255.255.255.254-255.255.255.255").address(1)).isEqualTo("255.255.255.255");
    }

    @Test
    void badInputFailsNamingTheRangeAndWhatIsExpected() {
        assertThatThrownBy(() -> AddressRange.parse("10.0.4.17/22")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'10.0.4.17/22' has host bits set").hasMessageContaining("10.0.4.0/22");
        assertThatThrownBy(() -> AddressRange.parse("10.0.4.0/33")).hasMessageContaining("prefix length must be 0..32");
        assertThatThrownBy(() -> AddressRange.parse("10.0.4.0/x")).hasMessageContaining("must be a number");
        assertThatThrownBy(() -> AddressRange.parse("10.0.4.256")).hasMessageContaining("not an IPv4 address");
        assertThatThrownBy(() -> AddressRange.parse("10.0.4")).hasMessageContaining("not an IPv4 address");
        assertThatThrownBy(() -> AddressRange.parse("10.0.+4.1")).hasMessageContaining("not an IPv4 address");
        assertThatThrownBy(() -> AddressRange.parse("miner-17.local")).hasMessageContaining("not an IPv4 address");
        assertThatThrownBy(() -> AddressRange.parse("fd00::/64")).hasMessageContaining("not an IPv4 address");
        assertThatThrownBy(() -> AddressRange.parse("10.0.5.0-10.0.4.0")).hasMessageContaining("ends before it starts");
        assertThatThrownBy(() -> AddressRange.parse(" ")).hasMessageContaining("empty");
    }

    @Test
    void rangesMustNotOverlapNorExceedASlash16() {
        assertThat(AddressRange.parseAll(List.of("10.0.4.0/24", "10.0.5.0-10.0.5.9")))
                .extracting(AddressRange::size).containsExactly(256L, 10L);
        assertThatThrownBy(() -> AddressRange.parseAll(List.of("10.0.4.0/22", "10.0.5.7")))
                .hasMessageContaining("overlap");
        assertThatThrownBy(() -> AddressRange.parseAll(List.of("10.0.0.0/15")))
                .hasMessageContaining("131072 addresses");
        assertThat(AddressRange.parseAll(List.of("10.0.0.0/16"))).hasSize(1);
    }
}
