-- Claims look for expired leases on their own index (see SqlJobStore: no OR across two conditions).
CREATE INDEX jobs_by_lease ON jobs (state, lease_until);
