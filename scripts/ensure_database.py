"""Create the PostgreSQL database named in DATABASE_URL if it does not exist (the tests need the server)."""

import os
import sys

import dj_database_url
import psycopg
from psycopg import sql

cfg = dj_database_url.parse(os.environ["DATABASE_URL"])
if "postgresql" not in cfg["ENGINE"]:
    sys.exit(0)
params = {"host": cfg["HOST"] or "127.0.0.1", "port": cfg["PORT"] or 5432, "user": cfg["USER"] or "postgres",
          "password": cfg["PASSWORD"] or None, "dbname": "postgres", "autocommit": True}
try:
    with psycopg.connect(**params) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [cfg["NAME"]]).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(cfg["NAME"])))
            print(f"Opprettet databasen {cfg['NAME']}.")
except psycopg.OperationalError as exc:
    sys.exit(f"PostgreSQL svarer ikke på {params['host']}:{params['port']}: {exc}")
