package io.gridflex.settlement.api;

import io.gridflex.support.security.PlatformRoles;

/** Realm roles that may read settlement figures. */
public final class Roles {

    public static final String BILLING_VIEWER = "billing-viewer";
    public static final String BILLING_ADMIN = "billing-admin";
    public static final String AUDITOR = PlatformRoles.AUDITOR;
    public static final String OPERATOR = PlatformRoles.OPERATOR;

    private Roles() {
    }
}
