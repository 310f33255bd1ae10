package io.gridflex.siteagent.miner.whatsminer2;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Pattern;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

import org.apache.commons.codec.digest.Md5Crypt;

/**
 * The cryptography of Whatsminer API v2's privileged commands, from one {@code get_token} answer ({@code time},
 * {@code salt}, {@code newsalt}) and the admin password:
 * <ul>
 * <li>{@code key} = the hash part of md5-crypt(password, salt), i.e. {@code "$1$<salt>$<hash>".split("$")[3]}</li>
 * <li>AES-256 key = the 32 bytes of sha256(key)</li>
 * <li>{@code sign} = the hash part of md5-crypt(key + time, newsalt): the request's {@code token}</li>
 * <li>a request's JSON is UTF-8, padded with NUL bytes to a multiple of 16, AES-256-ECB encrypted and base64-encoded;
 * an encrypted answer is decoded the same way back, its NUL padding stripped</li>
 * </ul>
 */
final class WhatsminerV2Crypto {

    /** What md5-crypt takes as a salt: up to 8 characters of its alphabet. */
    private static final Pattern SALT = Pattern.compile("[./0-9A-Za-z]{1,8}");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    /**
     * The AES key and the token of one {@code get_token} answer. {@link #toString()} shows neither.
     *
     * @param aesKey the 32-byte AES-256 key
     * @param sign the request's {@code token}
     */
    record Keys(byte[] aesKey, String sign) {

        @Override
        public String toString() {
            return "Keys[***]";
        }
    }

    private WhatsminerV2Crypto() {
    }

    /** Whether a miner's salt (or newsalt) is one md5-crypt takes. */
    static boolean isSalt(String salt) {
        return salt != null && SALT.matcher(salt).matches();
    }

    static Keys keys(String password, String salt, String time, String newsalt) {
        String key = hashPart(Md5Crypt.md5Crypt(password.getBytes(StandardCharsets.UTF_8), "$1$" + salt));
        String sign = hashPart(Md5Crypt.md5Crypt((key + time).getBytes(StandardCharsets.UTF_8), "$1$" + newsalt));
        return new Keys(sha256(key), sign);
    }

    /** The part after the third '$' of an md5-crypt string {@code $1$<salt>$<hash>}. */
    private static String hashPart(String crypt) {
        return crypt.split("\\$")[3];
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** base64(AES-256-ECB(json padded with NULs to a multiple of 16)). */
    static String encrypt(byte[] aesKey, String json) {
        byte[] plain = json.getBytes(StandardCharsets.UTF_8);
        byte[] padded = Arrays.copyOf(plain, (plain.length + 15) / 16 * 16);
        return Base64.getEncoder().encodeToString(aes(Cipher.ENCRYPT_MODE, aesKey, padded));
    }

    /**
     * The text of an encrypted answer, NUL padding stripped.
     *
     * @throws IllegalArgumentException when it is not base64 of whole AES blocks
     */
    static String decrypt(byte[] aesKey, String base64) {
        byte[] sealed = Base64.getDecoder().decode(WHITESPACE.matcher(base64).replaceAll(""));
        if (sealed.length == 0 || sealed.length % 16 != 0) {
            throw new IllegalArgumentException("not whole AES blocks: " + sealed.length + " bytes");
        }
        byte[] plain = aes(Cipher.DECRYPT_MODE, aesKey, sealed);
        int end = plain.length;
        while (end > 0 && plain[end - 1] == 0) {
            end--;
        }
        return new String(plain, 0, end, StandardCharsets.UTF_8);
    }

    private static byte[] aes(int mode, byte[] aesKey, byte[] data) {
        try {
            Cipher cipher = Cipher.getInstance("AES/ECB/NoPadding");
            cipher.init(mode, new SecretKeySpec(aesKey, "AES"));
            return cipher.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-ECB is not available", e);
        }
    }
}
