-- Leases for several senders, as in sqlite/0002_leases.sql. lease_until is
-- written and compared with the database server's clock, so replicas whose
-- clocks differ still agree on when a lease runs out.
alter table deliveries
    add column lease_owner text,
    add column lease_until text collate "C";
