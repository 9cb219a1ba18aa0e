-- The node holding a lease, so that a node restarting under the same name releases exactly its own leases.
ALTER TABLE jobs ADD COLUMN lease_owner TEXT;
