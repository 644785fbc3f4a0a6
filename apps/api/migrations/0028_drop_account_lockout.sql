-- Accounts are no longer locked after failed logins (0016 throttles per login and source
-- instead): their lock-out counters have been unused since.
ALTER TABLE users DROP COLUMN failed_login_count, DROP COLUMN locked_until;
