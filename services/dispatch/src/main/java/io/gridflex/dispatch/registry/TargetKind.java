package io.gridflex.dispatch.registry;

/** The OpenADR target kinds that name sets of our sites. */
public enum TargetKind {
    /** {@code resourceID} */
    RESOURCE,
    /** {@code groupID} */
    GROUP
}
