package io.gridflex.siteagent.miner.whatsminer2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/**
 * Whatsminer API v2's key, sign and encryption against values computed outside Java with OpenSSL, from the public
 * protocol's example token ({@code salt BQ5hoXV9}, {@code time 9340}, {@code newsalt ZnvQbWV7}):
 *
 * <pre>
 * openssl passwd -1 -salt BQ5hoXV9 admin                 → $1$BQ5hoXV9$RxmaDUO33TS7O26yeMHZ81
 * printf %s RxmaDUO33TS7O26yeMHZ81 | openssl dgst -sha256 → 199e0a20...fbf6 (the AES key)
 * openssl passwd -1 -salt ZnvQbWV7 RxmaDUO33TS7O26yeMHZ819340 → $1$ZnvQbWV7$yGmHt.kpfYqx06zRXFgye0 (the sign)
 * (request padded with NULs to 80 bytes) | openssl enc -aes-256-ecb -nopad -K 199e...fbf6 | base64
 * </pre>
 */
class WhatsminerV2CryptoTest {

    private static final String AES_KEY = "199e0a202039bb7b558db7a54697dca29cb278055b7e659a127fb844d5a2fbf6";
    private static final String SIGN = "yGmHt.kpfYqx06zRXFgye0";
    private static final String POWER_OFF = "p/QzYk8jszmQrR9dnOEVtXIRGg7DTmk9EUY2Z5AGabmXE9uaOgah2+aEOFK/+YqMwxjpT+5K/"
            + "bIyIkK76SI4HQJwnMra/DMhzA2qKM5maNc=";
    private static final String ANSWER = "{\"STATUS\":\"S\",\"When\":1594179344,\"Code\":131,\"Msg\":\"API command OK\","
            + "\"Description\":\"\"}";
    private static final String SEALED_ANSWER = "C/UGIQ8LwD66stwLyOOcM9p9g0MYg4qqMu5yrPEkIGh3lluOVpsOSpBcGhtOpg0QfXzqoVOP"
            + "WCksKSnoq5FdlDzf1zswfpjLBG0UghjHFmJyj0Iw94hY+ImJc0aQQ3bU";

    @Test
    void theKeyAndSignOfTheProtocolsExampleTokenMatchOpenssl() {
        WhatsminerV2Crypto.Keys keys = WhatsminerV2Crypto.keys("admin", "BQ5hoXV9", "9340", "ZnvQbWV7");
        assertThat(HexFormat.of().formatHex(keys.aesKey())).isEqualTo(AES_KEY);
        assertThat(keys.sign()).isEqualTo(SIGN);
        assertThat(keys.toString()).doesNotContain(SIGN);
        // A password longer than one MD5 digest, another token.
        WhatsminerV2Crypto.Keys other = WhatsminerV2Crypto.keys("whatsminer-site-secret", "a1B2c3D4", "0815",
                "Xy9Zw8Vu");
        assertThat(HexFormat.of().formatHex(other.aesKey()))
                .isEqualTo("dbb1e5dd2f23fe91e8ae7ccd52caa63b199709826c374149fa1d02dd598eedb0");
        assertThat(other.sign()).isEqualTo("8oL6f4reT2B3QkiueLWhu0");
    }

    @Test
    void aPowerOffRequestIsEncryptedExactlyAsOpensslDoesIt() {
        WhatsminerV2Crypto.Keys keys = WhatsminerV2Crypto.keys("admin", "BQ5hoXV9", "9340", "ZnvQbWV7");
        assertThat(WhatsminerV2Crypto.encrypt(keys.aesKey(),
                "{\"cmd\":\"power_off\",\"respbefore\":\"true\",\"token\":\"" + SIGN + "\"}")).isEqualTo(POWER_OFF);
        assertThat(WhatsminerV2Driver.request("power_off", keys, "respbefore", "true"))
                .isEqualTo("{\"enc\":1,\"data\":\"" + POWER_OFF + "\"}");
    }

    @Test
    void anEncryptedAnswerIsDecryptedAndItsPaddingDropped() {
        byte[] key = HexFormat.of().parseHex(AES_KEY);
        assertThat(WhatsminerV2Crypto.decrypt(key, SEALED_ANSWER)).isEqualTo(ANSWER);
        assertThatThrownBy(() -> WhatsminerV2Crypto.decrypt(key, "AAAA")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WhatsminerV2Crypto.decrypt(key, "%%%")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyMd5CryptSaltsAreTaken() {
        assertThat(WhatsminerV2Crypto.isSalt("BQ5hoXV9")).isTrue();
        assertThat(WhatsminerV2Crypto.isSalt("a./Z")).isTrue();
        assertThat(WhatsminerV2Crypto.isSalt("")).isFalse();
        assertThat(WhatsminerV2Crypto.isSalt("toolongsalt")).isFalse();
        assertThat(WhatsminerV2Crypto.isSalt("$1$x")).isFalse();
    }
}
