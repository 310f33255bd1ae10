package io.gridflex.support.outbox;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Queue;
import java.util.Set;

/** The ids of the last rows Kafka acknowledged, forgetting the oldest beyond a limit. Not thread-safe. */
final class SentIds {

    private final int limit;
    private final Set<Long> ids = new HashSet<>();
    private final Queue<Long> order = new ArrayDeque<>();

    SentIds(int limit) {
        this.limit = limit;
    }

    void add(long id) {
        if (ids.add(id)) {
            order.add(id);
            if (order.size() > limit) {
                ids.remove(order.remove());
            }
        }
    }

    boolean contains(long id) {
        return ids.contains(id);
    }
}
