#!/usr/bin/env bash
# A PostgreSQL primary with a streaming hot standby on loopback, for optilock's cluster tests
# (docs/clusters.md).
#
#   scripts/pg-standby.sh start    start what is not running (idempotent)
#   scripts/pg-standby.sh stop     stop both (idempotent)
#   scripts/pg-standby.sh status   exit 0 only when the primary is up and the standby streams from it
#
# Primary on 127.0.0.1:15432, standby on 127.0.0.1:15433 (OPTILOCK_PG_PORT moves both), user
# postgres, trust, database test. Data lives in $OPTILOCK_CLUSTER_DIR/pg (default
# ${TMPDIR:-/tmp}/optilock-clusters/pg). It never touches the server on 5432: Debian's own server
# programs (initdb, pg_ctl, not on the PATH) run on their own data directories, ports and sockets.
# Runs the servers as the postgres user when started as root.
set -euo pipefail

DIR="${OPTILOCK_CLUSTER_DIR:-${TMPDIR:-/tmp}/optilock-clusters}/pg"
PORT="${OPTILOCK_PG_PORT:-15432}"
STANDBY_PORT=$((PORT + 1))
BIN="${OPTILOCK_PG_BIN:-}"
if [ -z "$BIN" ]; then
  BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  [ -n "$BIN" ] || BIN="$(dirname "$(command -v pg_ctl 2>/dev/null || echo /usr/bin/pg_ctl)")"
fi

as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

up() { as_pg "$BIN/pg_ctl" -D "$DIR/$1" status >/dev/null 2>&1; }

streaming() {
  [ "$(as_pg "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -tAc \
    "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'" 2>/dev/null)" = "1" ]
}

start() {
  [ -x "$BIN/pg_ctl" ] || { echo "PostgreSQL server programs not found (looked in $BIN): apt-get install postgresql" >&2; exit 2; }
  mkdir -p "$DIR"; chmod 755 "$DIR" "$(dirname "$DIR")"
  [ "$(id -u)" != 0 ] || chown postgres: "$DIR"
  if [ ! -f "$DIR/primary/PG_VERSION" ]; then
    rm -rf "$DIR/primary" "$DIR/standby"
    as_pg "$BIN/initdb" -D "$DIR/primary" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1
    cat >>"$DIR/primary/postgresql.conf" <<CONF
port = $PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$DIR'
wal_level = replica
max_wal_senders = 5
max_replication_slots = 5
hot_standby = on
hot_standby_feedback = off
max_standby_streaming_delay = 1s
max_connections = 100
shared_buffers = 32MB
fsync = off
CONF
  fi
  if ! up primary; then
    as_pg "$BIN/pg_ctl" -D "$DIR/primary" -l "$DIR/primary.log" -w -t 60 start >/dev/null
    as_pg "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname = 'test'" | grep -q 1 \
      || as_pg "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -qc "CREATE DATABASE test"
  fi
  if [ ! -f "$DIR/standby/PG_VERSION" ]; then
    rm -rf "$DIR/standby"
    as_pg "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -tAc \
      "SELECT pg_drop_replication_slot('optilock_standby') FROM pg_replication_slots WHERE slot_name = 'optilock_standby'" >/dev/null
    as_pg "$BIN/pg_basebackup" -h 127.0.0.1 -p "$PORT" -U postgres -D "$DIR/standby" \
      -R -X stream -c fast -C -S optilock_standby >"$DIR/basebackup.log" 2>&1
    echo "port = $STANDBY_PORT" >>"$DIR/standby/postgresql.conf"
  fi
  if ! up standby; then
    as_pg "$BIN/pg_ctl" -D "$DIR/standby" -l "$DIR/standby.log" -w -t 60 start >/dev/null
  fi
  for _ in $(seq 1 60); do
    if streaming; then
      echo "pg: primary 127.0.0.1:$PORT, standby 127.0.0.1:$STANDBY_PORT streaming"
      return 0
    fi
    sleep 0.5
  done
  echo "pg: the standby does not stream; see $DIR/standby.log" >&2
  exit 1
}

stop() {
  local d
  for d in standby primary; do
    if up "$d"; then as_pg "$BIN/pg_ctl" -D "$DIR/$d" -m fast -w -t 60 stop >/dev/null; fi
  done
  echo "pg: stopped"
}

status() {
  local ok=0
  if up primary; then echo "primary 127.0.0.1:$PORT up"; else echo "primary 127.0.0.1:$PORT down"; ok=1; fi
  if up standby && streaming; then echo "standby 127.0.0.1:$STANDBY_PORT streaming"
  else echo "standby 127.0.0.1:$STANDBY_PORT not streaming"; ok=1; fi
  return $ok
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
