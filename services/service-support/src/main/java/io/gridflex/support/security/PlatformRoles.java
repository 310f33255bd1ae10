package io.gridflex.support.security;

/**
 * Realm roles of the people who run the platform, shared by every service's API: operators act on the fleet and its
 * events; auditors read everything and change nothing.
 */
public final class PlatformRoles {

    public static final String OPERATOR = "operator";
    public static final String AUDITOR = "auditor";

    private PlatformRoles() {
    }
}
