package io.gridflex.gateway.tls;

import java.util.Enumeration;

import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;

/** TLS session caches. */
final class Sessions {

    private Sessions() {
    }

    /** Invalidates every cached session, so that the next connection makes a full handshake (and cannot resume). */
    static void forget(SSLSessionContext sessions) {
        for (Enumeration<byte[]> ids = sessions.getIds(); ids.hasMoreElements();) {
            SSLSession session = sessions.getSession(ids.nextElement());
            if (session != null) {
                session.invalidate();
            }
        }
    }
}
