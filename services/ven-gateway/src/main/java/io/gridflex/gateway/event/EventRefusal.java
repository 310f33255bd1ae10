package io.gridflex.gateway.event;

import io.gridflex.openadr.OadrResponseCode;

/** Thrown inside validation at the first problem found; turned into a {@link Verdict.Refused}. */
final class EventRefusal extends RuntimeException {

    private final OadrResponseCode code;

    EventRefusal(OadrResponseCode code, String reason) {
        super(reason, null, false, false);
        this.code = code;
    }

    /** 454: the event is readable but a value in it is unusable or out of bounds. */
    static EventRefusal invalid(String reason) {
        return new EventRefusal(OadrResponseCode.INVALID_DATA, reason);
    }

    /** 460: a signal, unit or direction GridFlex does not execute. */
    static EventRefusal notSupported(String reason) {
        return new EventRefusal(OadrResponseCode.SIGNAL_NOT_SUPPORTED, reason);
    }

    /** The same refusal, its reason prefixed with where in the event the problem is. */
    EventRefusal at(String where) {
        return new EventRefusal(code, where + ": " + getMessage());
    }

    Verdict.Refused verdict() {
        return new Verdict.Refused(code, getMessage());
    }

    /** VTN text quoted in a reason: cut short, anything unprintable replaced, so logs and answers stay readable. */
    static String printable(String text) {
        String shown = text.length() > 64 ? text.substring(0, 64) + "…" : text;
        return shown.replaceAll("[^\\x20-\\x7e…]", "?");
    }
}
