package io.gridflex.minersim.whatsminer2;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The FreeBSD md5-crypt password hash ({@code $1$<salt>$<22 characters>}, what {@code openssl passwd -1} computes),
 * as the miner keeps its admin password. Written for the simulator from the algorithm's description: the digest of
 * password, magic and salt, mixed with an alternate digest and the password's length bits, then stretched over 1000
 * rounds and written in crypt's base-64 alphabet.
 */
final class Md5Crypt {

    private static final String MAGIC = "$1$";
    private static final String ALPHABET = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final int ROUNDS = 1000;
    private static final int MAX_SALT = 8;

    private Md5Crypt() {
    }

    /** {@code $1$<salt>$<hash>}; the salt is cut to 8 characters. */
    static String crypt(String password, String salt) {
        byte[] pw = password.getBytes(StandardCharsets.UTF_8);
        String s = salt.length() > MAX_SALT ? salt.substring(0, MAX_SALT) : salt;
        byte[] saltBytes = s.getBytes(StandardCharsets.UTF_8);

        MessageDigest alternate = md5();
        alternate.update(pw);
        alternate.update(saltBytes);
        alternate.update(pw);
        byte[] alt = alternate.digest();

        MessageDigest main = md5();
        main.update(pw);
        main.update(MAGIC.getBytes(StandardCharsets.US_ASCII));
        main.update(saltBytes);
        for (int left = pw.length; left > 0; left -= 16) {
            main.update(alt, 0, Math.min(16, left));
        }
        for (int bits = pw.length; bits != 0; bits >>>= 1) {
            if ((bits & 1) != 0) {
                main.update((byte) 0);
            } else {
                main.update(pw.length == 0 ? 0 : pw[0]);
            }
        }
        byte[] digest = main.digest();

        for (int round = 0; round < ROUNDS; round++) {
            MessageDigest step = md5();
            boolean odd = (round & 1) != 0;
            step.update(odd ? pw : digest);
            if (round % 3 != 0) {
                step.update(saltBytes);
            }
            if (round % 7 != 0) {
                step.update(pw);
            }
            step.update(odd ? digest : pw);
            digest = step.digest();
        }

        StringBuilder out = new StringBuilder(MAGIC).append(s).append('$');
        int[][] groups = {{0, 6, 12}, {1, 7, 13}, {2, 8, 14}, {3, 9, 15}, {4, 10, 5}};
        for (int[] g : groups) {
            int value = (digest[g[0]] & 0xff) << 16 | (digest[g[1]] & 0xff) << 8 | digest[g[2]] & 0xff;
            write(out, value, 4);
        }
        write(out, digest[11] & 0xff, 2);
        return out.toString();
    }

    private static void write(StringBuilder out, int value, int characters) {
        for (int i = 0; i < characters; i++) {
            out.append(ALPHABET.charAt(value & 0x3f));
            value >>>= 6;
        }
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no MD5", e);
        }
    }
}
