package io.gridflex.support.audit;

/**
 * Who did something: an operator's user name from their token, or {@code system:<part>} for dispatch's own moves.
 *
 * @param name the name the audit log and the timeline show
 */
public record Actor(String name) {

    public static Actor system(String part) {
        return new Actor("system:" + part);
    }
}
