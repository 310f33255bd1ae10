package io.gridflex.minersim.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads one request from a miner API connection. Clients do not agree on how a request ends: some close their side,
 * some send a NUL, most just wait for the answer. So a request is complete at the end of its top-level JSON object,
 * at a NUL, a newline (for text that is not JSON), or at end of stream, whichever comes first; it is refused when it
 * grows past {@code maxBytes}. The socket's read timeout bounds how long a silent client can hold a connection.
 */
public final class JsonRequestReader {

    /** Why a request could not be read. */
    public static final class RequestException extends IOException {

        private final boolean tooLarge;

        RequestException(String message, boolean tooLarge) {
            super(message);
            this.tooLarge = tooLarge;
        }

        public boolean tooLarge() {
            return tooLarge;
        }
    }

    private final int maxBytes;

    public JsonRequestReader(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    public String read(InputStream in) throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        int depth = 0;
        boolean started = false;
        boolean json = false;
        boolean inString = false;
        boolean escaped = false;
        int b;
        while ((b = in.read()) != -1) {
            if (b == 0) {
                break;
            }
            if (request.size() >= maxBytes) {
                throw new RequestException("Request too large: more than " + maxBytes + " bytes", true);
            }
            request.write(b);
            if (!started) {
                if (Character.isWhitespace(b)) {
                    continue;
                }
                started = true;
                json = b == '{';
            }
            if (!json) {
                if (b == '\n') {
                    break;
                }
                continue;
            }
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (b == '\\') {
                    escaped = true;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '{' || b == '[') {
                depth++;
            } else if (b == '}' || b == ']') {
                depth--;
                if (depth == 0) {
                    break;
                }
            }
        }
        return request.toString(StandardCharsets.UTF_8);
    }
}
