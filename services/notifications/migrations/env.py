from chassis.db import run_migrations

run_migrations()
