-- PostgreSQL only. Versions in a dialect folder are N_M, after common version N and before N+1, so they
-- never collide with the portable folder and never arrive out of order.
-- Jobs are updated several times in their short life: leave room on each page for HOT updates.
ALTER TABLE jobs SET (fillfactor = 70);
