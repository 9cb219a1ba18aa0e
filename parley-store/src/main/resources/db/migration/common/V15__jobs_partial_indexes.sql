-- The job queue's indexes hold only the rows their queries look for (partial indexes, the same syntax on SQLite and
-- PostgreSQL). Every index used to begin with the state, so each of a job's three writes (insert, lease, delete)
-- rewrote the row and all four indexes: fifteen b-tree changes per job, five jobs per message. Now a pending job is
-- in the due and fair indexes, a leased one in the lease index, a dead letter in its account's index: nine changes.
-- The queries name the state as a literal (state = 'PENDING'), which is what lets both databases use these indexes.
DROP INDEX jobs_by_due;
DROP INDEX jobs_by_fair_due;
DROP INDEX jobs_by_lease;
DROP INDEX jobs_by_account;
CREATE INDEX jobs_pending_by_due ON jobs (run_at) WHERE state = 'PENDING';
CREATE INDEX jobs_pending_by_fair ON jobs (fair_at) WHERE state = 'PENDING';
CREATE INDEX jobs_leased_by_lease ON jobs (lease_until) WHERE state = 'LEASED';
CREATE INDEX jobs_dead_by_account ON jobs (account_sid, created_at, id) WHERE state = 'DEAD';
