-- Least privilege on PostgreSQL: the tables belong to one role, which runs the migrations; the
-- application connects as another role, which may read and write rows but owns nothing, so it
-- cannot switch off the triggers that keep issued invoices, ERP files and billed months
-- unchanged (invoicing/migrations/0005_corrections.py).
--
-- Run once per database as a superuser, before the first `migrate`, for example:
--   psql -d ekonomi -v owner=ekonomi_owner -v app=ekonomi_app -f deploy/least_privilege.sql
-- The two roles must exist (CREATE ROLE … LOGIN) and the database belong to the owner
-- (CREATE DATABASE ekonomi OWNER ekonomi_owner).

\set ON_ERROR_STOP on

ALTER SCHEMA public OWNER TO :"owner";
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO :"app";

-- Whatever the owner creates from now on (every migration) the application may use: rows,
-- not tables. No TRUNCATE, no REFERENCES, no TRIGGER.
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"app";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public
    GRANT USAGE, SELECT ON SEQUENCES TO :"app";

-- Tables that already exist, if the database was migrated before this was run.
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO :"app";
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO :"app";
