package io.gridflex.vtnsim.opt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The opts VENs have sent, by VEN and optID, in the order they arrived. An opt sent again under the same optID (a VEN
 * that did not get our answer) replaces the first, as the specification's optID identifies it.
 */
@ApplicationScoped
public class OptBook {

    private final Map<String, ReceivedOpt> opts = new LinkedHashMap<>();

    public synchronized void add(ReceivedOpt opt) {
        opts.put(opt.venId() + " " + opt.optId(), opt);
    }

    /** @return false when the VEN has no such opt in force */
    public synchronized boolean remove(String venId, String optId) {
        ReceivedOpt opt = opts.get(venId + " " + optId);
        if (opt == null || opt.cancelled()) {
            return false;
        }
        opts.put(venId + " " + optId, opt.withdrawn());
        return true;
    }

    public synchronized int count(String venId) {
        return (int) opts.values().stream().filter(o -> o.venId().equals(venId) && !o.cancelled()).count();
    }

    /** Every opt, oldest first. */
    public synchronized List<ReceivedOpt> all() {
        return new ArrayList<>(opts.values());
    }
}
