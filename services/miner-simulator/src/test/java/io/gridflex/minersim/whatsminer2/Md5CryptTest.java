package io.gridflex.minersim.whatsminer2;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/**
 * The simulator's md5-crypt and AES sealing against values computed outside Java with OpenSSL:
 * {@code openssl passwd -1 -salt <salt> <password>}, {@code openssl dgst -sha256} and
 * {@code openssl enc -aes-256-ecb -nopad} of the NUL-padded text.
 */
class Md5CryptTest {

    @Test
    void matchesOpensslPasswd() {
        assertThat(Md5Crypt.crypt("admin", "BQ5hoXV9")).isEqualTo("$1$BQ5hoXV9$RxmaDUO33TS7O26yeMHZ81");
        // longer than one digest (16 bytes), one character, empty
        assertThat(Md5Crypt.crypt("whatsminer-site-secret", "a1B2c3D4"))
                .isEqualTo("$1$a1B2c3D4$OE.nBC3lbw2Q/DdoQZwxN/");
        assertThat(Md5Crypt.crypt("a", "a1B2c3D4")).isEqualTo("$1$a1B2c3D4$hxD2bSgUJjtss7AYaGpIG.");
        assertThat(Md5Crypt.crypt("", "a1B2c3D4")).isEqualTo("$1$a1B2c3D4$Zdn1QBPaHSSImTTxBbRDu0");
        // a token's sign: md5-crypt(password hash + time, newsalt)
        assertThat(Md5Crypt.crypt("RxmaDUO33TS7O26yeMHZ81" + "9340", "ZnvQbWV7"))
                .isEqualTo("$1$ZnvQbWV7$yGmHt.kpfYqx06zRXFgye0");
    }

    @Test
    void theKeyAndTheSealedTextMatchOpenssl() {
        byte[] key = WhatsminerV2Commands.keyOf("whatsminer-site-secret", "a1B2c3D4");
        assertThat(HexFormat.of().formatHex(key))
                .isEqualTo("dbb1e5dd2f23fe91e8ae7ccd52caa63b199709826c374149fa1d02dd598eedb0");
        String request = "{\"cmd\":\"power_on\",\"token\":\"8oL6f4reT2B3QkiueLWhu0\"}";
        String sealed = "xb912ecr/XTuEkCb7VTZ2cM0/Kw9oDPRTUXB5IKrn7amC6V/Jhf19XXRTvhlgNg8/L4sX5dir0gb4I3u3jLe4g==";
        assertThat(WhatsminerV2Commands.seal(key, request)).isEqualTo(sealed);
        assertThat(WhatsminerV2Commands.unseal(key, Base64.getDecoder().decode(sealed))).isEqualTo(request);
        String hash = WhatsminerV2Commands.hashPart(Md5Crypt.crypt("whatsminer-site-secret", "a1B2c3D4"));
        assertThat(hash).isEqualTo("OE.nBC3lbw2Q/DdoQZwxN/");
        assertThat(WhatsminerV2Commands.hashPart(Md5Crypt.crypt(hash + "0815", "Xy9Zw8Vu")))
                .isEqualTo("8oL6f4reT2B3QkiueLWhu0");
    }
}
