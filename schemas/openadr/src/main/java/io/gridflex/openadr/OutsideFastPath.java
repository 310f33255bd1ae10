package io.gridflex.openadr;

/**
 * Thrown by the fast readers when a document leaves the subset they read (or is not well-formed or not valid): the
 * document is then read by the full parser, which decides. Control flow only: one shared instance, no stack trace.
 */
final class OutsideFastPath extends RuntimeException {

    static final OutsideFastPath INSTANCE = new OutsideFastPath();

    private OutsideFastPath() {
        super("outside the fast path", null, false, false);
    }
}
