-- Strata's database and its unprivileged role (never superuser, never BYPASSRLS: row-level
-- security must bind it). pgvector is not a trusted extension, so a superuser creates it once.
create role strata login password 'strata' nosuperuser nobypassrls nocreaterole nocreatedb;
create database strata owner strata;
\connect strata
create extension if not exists vector;
