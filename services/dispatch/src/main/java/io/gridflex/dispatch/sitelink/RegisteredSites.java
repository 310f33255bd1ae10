package io.gridflex.dispatch.sitelink;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.dispatch.registry.SiteRepository;
import io.gridflex.dispatch.registry.SiteStatus;
import io.gridflex.support.db.Transactions;

/** The fleet registry as the site link sees it: every site ever registered, and whether it may still connect. */
@ApplicationScoped
public class RegisteredSites {

    private final SiteRepository sites;
    private final Transactions transactions;

    public RegisteredSites(SiteRepository sites, Transactions transactions) {
        this.sites = sites;
        this.transactions = transactions;
    }

    /** Site id -> true while registered (active or suspended), false once removed. */
    public Map<String, Boolean> all() {
        Map<String, Boolean> all = new LinkedHashMap<>();
        transactions.read(connection -> sites.list(connection, true))
                .forEach(site -> all.put(site.siteId(), site.status() != SiteStatus.REMOVED));
        return all;
    }
}
