package io.gridflex.support.audit;

import jakarta.enterprise.context.RequestScoped;

import io.quarkus.security.identity.SecurityIdentity;

/** The operator behind the current request, by the user name in their token. */
@RequestScoped
public class Actors {

    private final SecurityIdentity identity;

    public Actors(SecurityIdentity identity) {
        this.identity = identity;
    }

    public Actor current() {
        return new Actor(identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName());
    }
}
