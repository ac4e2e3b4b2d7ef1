-- Strata's database and its two roles (never superuser, never BYPASSRLS: row-level security must bind
-- them): strata_owner owns the database and the schema and runs the migrations; strata serves requests
-- with DML only (migration V9 grants it, and default privileges cover later tables). pgvector is not a
-- trusted extension, so a superuser creates it once.
create role strata_owner login password 'strata_owner' nosuperuser nobypassrls nocreaterole nocreatedb;
create role strata login password 'strata' nosuperuser nobypassrls nocreaterole nocreatedb;
create database strata owner strata_owner;
\connect strata
create extension if not exists vector;
-- pg_prewarm (PostgreSQL contrib, not a trusted extension) loads vector indexes into shared buffers at start
create extension if not exists pg_prewarm;
alter default privileges for role strata_owner in schema public grant select, insert, update, delete on tables to strata;
alter default privileges for role strata_owner in schema public grant usage, select on sequences to strata;
