# Sourced by .ci/run and bench/: start a throw-away PostgreSQL cluster on loopback.
# After `start_postgres PORT DBNAME`, PALERMO_PG_URL names the database; stop_postgres ends the cluster.
as_postgres() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }

start_postgres() {
  local port=$1 db=$2
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  PGDATA=$(mktemp -d /tmp/palermo-pg.XXXXXX)
  [ "$(id -u)" = 0 ] && chown postgres "$PGDATA"
  as_postgres "$PGBIN/initdb -D $PGDATA -A trust -U postgres --encoding=UTF8 > /dev/null"
  as_postgres "$PGBIN/pg_ctl -D $PGDATA -o '-c listen_addresses=127.0.0.1 -p $port -k $PGDATA' -l $PGDATA/server.log -w start > /dev/null"
  as_postgres "$PGBIN/createdb -h 127.0.0.1 -p $port -U postgres $db"
  PALERMO_PG_URL="postgres://postgres@127.0.0.1:$port/$db"
  export PGBIN PGDATA PALERMO_PG_URL
}

stop_postgres() {
  [ -n "${PGDATA:-}" ] && as_postgres "$PGBIN/pg_ctl -D $PGDATA -m fast stop > /dev/null" || true
}
