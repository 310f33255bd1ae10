package io.gridflex.dispatch.registry;

/**
 * Who owns a site and is paid their revenue share.
 *
 * @param name person or company
 * @param email where statements and incident notices go
 */
public record Owner(String name, String email) {
}
