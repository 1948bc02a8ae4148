#!/bin/sh
# First start of the compose PostgreSQL: the two roles Plumbline works with, and its database.
#   plumbline_owner  owns the database and its schema, and runs the migrations (DATABASE_OWNER_URL)
#   plumbline_server what the replicas work as (DATABASE_URL): reads and writes the data, may add
#                    to the audit trail and read it, never rewrite it
# On a managed PostgreSQL, run the same three statements once as an administrator.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v owner_password="$PLUMBLINE_OWNER_PASSWORD" -v server_password="$PLUMBLINE_SERVER_PASSWORD" <<'SQL'
create role plumbline_owner login password :'owner_password';
create role plumbline_server login password :'server_password';
create database plumbline owner plumbline_owner;
SQL
