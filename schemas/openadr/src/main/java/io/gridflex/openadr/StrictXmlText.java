package io.gridflex.openadr;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The text of an element as {@link StrictXmlCursor} reads it when it is not plain ASCII: strict UTF-8, the five
 * predefined entities and character references of legal XML characters; anything else is {@link OutsideFastPath}.
 */
final class StrictXmlText {

    private StrictXmlText() {
    }

    /** Text with non-ASCII characters or references, as the full parser would report it. */
    static String decode(byte[] in, int start, int end) {
        StringBuilder text = new StringBuilder(end - start);
        int i = start;
        while (i < end) {
            int amp = i;
            while (amp < end && in[amp] != '&') {
                amp++;
            }
            if (amp > i) {
                text.append(utf8(in, i, amp));
            }
            if (amp == end) {
                break;
            }
            int semicolon = amp + 1;
            while (semicolon < end && in[semicolon] != ';' && semicolon - amp < 12) {
                semicolon++;
            }
            if (semicolon >= end || in[semicolon] != ';') {
                throw OutsideFastPath.INSTANCE;
            }
            appendReference(text, new String(in, amp + 1, semicolon - amp - 1, StandardCharsets.ISO_8859_1));
            i = semicolon + 1;
        }
        return text.toString();
    }

    private static void appendReference(StringBuilder text, String name) {
        switch (name) {
            case "lt" -> text.append('<');
            case "gt" -> text.append('>');
            case "amp" -> text.append('&');
            case "quot" -> text.append('"');
            case "apos" -> text.append('\'');
            default -> text.appendCodePoint(characterReference(name));
        }
    }

    private static int characterReference(String name) {
        if (!name.startsWith("#")) {
            throw OutsideFastPath.INSTANCE; // an entity our messages never declare
        }
        boolean hex = name.startsWith("#x");
        String digits = name.substring(hex ? 2 : 1);
        if (digits.isEmpty() || digits.length() > 7) {
            throw OutsideFastPath.INSTANCE;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (Character.digit(digits.charAt(i), hex ? 16 : 10) < 0 || digits.charAt(i) > 'f') {
                throw OutsideFastPath.INSTANCE;
            }
        }
        int c = Integer.parseInt(digits, hex ? 16 : 10);
        if (!isXmlChar(c)) {
            throw OutsideFastPath.INSTANCE;
        }
        return c;
    }

    private static String utf8(byte[] in, int start, int end) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer chars;
        try {
            chars = decoder.decode(ByteBuffer.wrap(in, start, end - start));
        } catch (CharacterCodingException e) {
            throw OutsideFastPath.INSTANCE;
        }
        for (int i = 0; i < chars.length(); i++) {
            char c = chars.charAt(i);
            if (c == '\uFFFE' || c == '\uFFFF') {
                throw OutsideFastPath.INSTANCE;
            }
        }
        return chars.toString();
    }

    private static boolean isXmlChar(int c) {
        return c == 0x9 || c == 0xA || c == 0xD || c >= 0x20 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD
                || c >= 0x10000 && c <= 0x10FFFF;
    }
}
