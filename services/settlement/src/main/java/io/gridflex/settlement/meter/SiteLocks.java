package io.gridflex.settlement.meter;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.TreeSet;

/**
 * The per-site lock under which a site's metered intervals, schedule revisions and acceptances are stored: they arrive
 * on three channels, and what each stores depends on what the others stored (an interval says which revision the site
 * held), so whichever comes last sees the others. Transaction-scoped advisory locks; one statement takes several, always
 * in the same order, so two writers never wait on each other.
 */
public final class SiteLocks {

    /** First key of the advisory locks, the second being the site id's hash. */
    private static final int NAMESPACE = 0x5e771e;

    private SiteLocks() {
    }

    /** Takes the lock of every site in {@code sites} for the rest of the transaction. */
    public static void lock(Connection connection, Collection<String> sites) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("""
                SELECT COUNT(pg_advisory_xact_lock(?, hashtext(site)))
                  FROM (SELECT site FROM unnest(?::text[]) AS s(site) ORDER BY site) ordered
                """)) {
            lock.setInt(1, NAMESPACE);
            lock.setArray(2, connection.createArrayOf("text", new TreeSet<>(sites).toArray()));
            lock.execute();
        }
    }
}
