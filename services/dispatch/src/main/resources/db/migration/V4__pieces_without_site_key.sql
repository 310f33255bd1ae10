-- An event's allocation writes one piece per site it touches: a thousand rows for a thousand-site event, inside the
-- transaction that every schedule waits for. The foreign key to sites made PostgreSQL look up and share-lock the
-- site's row for every piece, which was about half the cost of writing them (1,000 pieces: 18-32 ms with the key,
-- 8-13 ms without; docs/benchmarks.md). The key guarded nothing that can happen: pieces are written only for sites
-- read from the registry in the same transaction, under the allocation lock, and a site is never deleted (removal
-- marks it REMOVED and moves its pieces to other sites). The primary key and the indexes stay.
ALTER TABLE pieces DROP CONSTRAINT pieces_site_id_fkey;
