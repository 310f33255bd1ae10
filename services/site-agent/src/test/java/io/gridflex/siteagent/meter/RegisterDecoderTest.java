package io.gridflex.siteagent.meter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/** Decoding register words in both word orders; expected bytes computed independently (Python struct). */
class RegisterDecoderTest {

    private static byte[] hex(String text) {
        return HexFormat.of().parseHex(text);
    }

    @Test
    void float32InBothWordOrders() {
        assertThat(RegisterDecoder.decode(hex("42f70000"), DataType.FLOAT32, WordOrder.BIG_ENDIAN)).isEqualTo(123.5);
        assertThat(RegisterDecoder.decode(hex("000042f7"), DataType.FLOAT32, WordOrder.SWAPPED)).isEqualTo(123.5);
        assertThat(RegisterDecoder.decode(hex("be800000"), DataType.FLOAT32, WordOrder.BIG_ENDIAN)).isEqualTo(-0.25);
        assertThat(RegisterDecoder.decode(hex("0000be80"), DataType.FLOAT32, WordOrder.SWAPPED)).isEqualTo(-0.25);
        // the same words in the other order are another number
        assertThat(RegisterDecoder.decode(hex("42f70000"), DataType.FLOAT32, WordOrder.SWAPPED)).isNotEqualTo(123.5);
    }

    @Test
    void int32AndUint32InBothWordOrders() {
        assertThat(RegisterDecoder.decode(hex("fffe1dc0"), DataType.INT32, WordOrder.BIG_ENDIAN)).isEqualTo(-123456);
        assertThat(RegisterDecoder.decode(hex("1dc0fffe"), DataType.INT32, WordOrder.SWAPPED)).isEqualTo(-123456);
        assertThat(RegisterDecoder.decode(hex("ee6b2800"), DataType.UINT32, WordOrder.BIG_ENDIAN))
                .isEqualTo(4_000_000_000.0);
        assertThat(RegisterDecoder.decode(hex("2800ee6b"), DataType.UINT32, WordOrder.SWAPPED))
                .isEqualTo(4_000_000_000.0);
    }

    @Test
    void sixteenBitValues() {
        assertThat(RegisterDecoder.decode(hex("ffff"), DataType.INT16, WordOrder.BIG_ENDIAN)).isEqualTo(-1);
        assertThat(RegisterDecoder.decode(hex("ffff"), DataType.UINT16, WordOrder.SWAPPED)).isEqualTo(65535);
    }

    @Test
    void theScaleApplies() {
        RegisterSpec watts = new RegisterSpec("site-kw", 10, RegisterType.INPUT, DataType.UINT32,
                WordOrder.BIG_ENDIAN, 0.001);

        assertThat(watts.decode(hex("0001e078"))).isCloseTo(123.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void tooFewBytesOrANonFiniteFloatAreRefused() {
        assertThatThrownBy(() -> RegisterDecoder.decode(hex("42f7"), DataType.FLOAT32, WordOrder.BIG_ENDIAN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs 4 bytes");
        assertThatThrownBy(() -> RegisterDecoder.decode(hex("7fc00000"), DataType.FLOAT32, WordOrder.BIG_ENDIAN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a finite");
        assertThatThrownBy(() -> new RegisterSpec("x", 65535, RegisterType.HOLDING, DataType.FLOAT32,
                WordOrder.BIG_ENDIAN, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
