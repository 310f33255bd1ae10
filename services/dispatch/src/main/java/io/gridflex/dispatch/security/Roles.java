package io.gridflex.dispatch.security;

/**
 * Realm roles of the operator API. Operators change the fleet and act on events; auditors read everything and change
 * nothing.
 */
public final class Roles {

    public static final String OPERATOR = "operator";
    public static final String AUDITOR = "auditor";

    private Roles() {
    }
}
