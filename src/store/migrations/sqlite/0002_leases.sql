-- Leases for several senders: the replica that claimed a due row, and until
-- when (RFC 3339 UTC, compared as text like every other time here). A row whose
-- lease has run out may be claimed by another replica.
alter table deliveries add column lease_owner text;
alter table deliveries add column lease_until text;
