package io.gridflex.settlement.api;

/** Realm roles that may read settlement figures. */
public final class Roles {

    public static final String BILLING_VIEWER = "billing-viewer";
    public static final String BILLING_ADMIN = "billing-admin";
    public static final String AUDITOR = "auditor";
    public static final String OPERATOR = "operator";

    private Roles() {
    }
}
