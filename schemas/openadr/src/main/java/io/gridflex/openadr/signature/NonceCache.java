package io.gridflex.openadr.signature;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The nonces accepted within the replay window, per signer, bounded. A nonce only has to be remembered until its
 * message would be refused as stale anyway (signing time + window), so entries leave in expiry order and memory
 * stays proportional to the message rate. When full of unexpired entries it refuses rather than forgets: forgetting
 * an unexpired nonce would let that message be replayed.
 * <p>
 * Thread-safe; one short lock per accepted message.
 */
final class NonceCache {

    enum Outcome {
        NEW, SEEN, FULL
    }

    private record Entry(String key, Instant expiry) {
    }

    private final int capacity;
    private final Map<String, Instant> expiries = new HashMap<>();
    private final PriorityQueue<Entry> byExpiry = new PriorityQueue<>(Comparator.comparing(Entry::expiry));

    NonceCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("The nonce cache must hold at least one nonce");
        }
        this.capacity = capacity;
    }

    /**
     * Remembers a signer's nonce until {@code expiry} unless it is already remembered.
     *
     * @param signer the signer's fingerprint: nonces only have to be unique per signer
     */
    synchronized Outcome remember(String signer, String nonce, Instant expiry, Instant now) {
        evictExpired(now);
        String key = signer + ' ' + nonce;
        if (expiries.containsKey(key)) {
            return Outcome.SEEN;
        }
        if (expiries.size() >= capacity) {
            return Outcome.FULL;
        }
        expiries.put(key, expiry);
        byExpiry.add(new Entry(key, expiry));
        return Outcome.NEW;
    }

    synchronized int size() {
        return expiries.size();
    }

    private void evictExpired(Instant now) {
        while (!byExpiry.isEmpty() && !byExpiry.peek().expiry().isAfter(now)) {
            expiries.remove(byExpiry.poll().key());
        }
    }
}
