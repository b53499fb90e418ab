#!/usr/bin/env bash
# A 3-node MariaDB Galera cluster on loopback, for optilock's cluster tests (docs/clusters.md).
#
#   scripts/galera.sh start        start the nodes that are not running (idempotent)
#   scripts/galera.sh stop         stop every node (idempotent)
#   scripts/galera.sh status       one line per node; exit 0 only when all 3 are up and synced
#   scripts/galera.sh kill N       kill -9 node N (1-3), for the tests' node-failure case
#
# Node N listens for SQL on 127.0.0.1:$((BASE_PORT + N - 1)) (13306-13308 by default), user root,
# no password, database test. Data lives in $OPTILOCK_CLUSTER_DIR/galera (default
# ${TMPDIR:-/tmp}/optilock-clusters/galera). It never touches the server on 3306: it reads no
# /etc/mysql configuration (--no-defaults / --defaults-file) and uses its own ports and sockets.
# Needs Debian's galera-4 (libgalera_smm.so), MariaDB 10.4+, rsync, and root (servers run as mysql).
set -euo pipefail

DIR="${OPTILOCK_CLUSTER_DIR:-${TMPDIR:-/tmp}/optilock-clusters}/galera"
BASE_PORT="${OPTILOCK_GALERA_PORT:-13306}"
GCOMM_BASE=14567          # node N: gcomm 14567+10(N-1), IST +1, SST 14444+10(N-1)
PROVIDER="${OPTILOCK_GALERA_PROVIDER:-}"
if [ -z "$PROVIDER" ]; then
  for p in /usr/lib/galera/libgalera_smm.so /usr/lib/galera-4/libgalera_smm.so /usr/lib64/galera-4/libgalera_smm.so /usr/lib/libgalera_smm.so; do
    if [ -f "$p" ]; then PROVIDER="$p"; break; fi
  done
fi
MARIADBD="$(command -v mariadbd || echo /usr/sbin/mariadbd)"

port() { echo $((BASE_PORT + $1 - 1)); }
gcomm() { echo $((GCOMM_BASE + 10 * ($1 - 1))); }
node_dir() { echo "$DIR/node$1"; }

client() { # node, sql...
  local n=$1; shift
  mariadb --no-defaults -uroot --socket="$(node_dir "$n")/mariadbd.sock" -N -B -e "$*"
}

pid_of() {
  local f; f="$(node_dir "$1")/mariadbd.pid"
  [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null && cat "$f"
}

running() { pid_of "$1" >/dev/null 2>&1; }

synced() {
  [ "$(client "$1" "SHOW STATUS LIKE 'wsrep_local_state_comment'" 2>/dev/null | cut -f2)" = "Synced" ]
}

write_config() {
  local n=$1 d; d="$(node_dir "$n")"
  mkdir -p "$d/data"
  local address="gcomm://127.0.0.1:$(gcomm 1),127.0.0.1:$(gcomm 2),127.0.0.1:$(gcomm 3)"
  cat >"$d/my.cnf" <<CNF
[mariadbd]
user=mysql
datadir=$d/data
socket=$d/mariadbd.sock
pid-file=$d/mariadbd.pid
log-error=$d/error.log
port=$(port "$n")
bind-address=127.0.0.1
skip-name-resolve
binlog_format=ROW
default_storage_engine=InnoDB
innodb_autoinc_lock_mode=2
innodb_buffer_pool_size=64M
innodb_flush_log_at_trx_commit=2
max_connections=200
wsrep_on=ON
wsrep_provider=$PROVIDER
wsrep_cluster_name=optilock-test
wsrep_cluster_address=$address
wsrep_node_name=node$n
wsrep_node_address=127.0.0.1:$(gcomm "$n")
wsrep_provider_options="gmcast.listen_addr=tcp://127.0.0.1:$(gcomm "$n");ist.recv_addr=127.0.0.1:$(($(gcomm "$n") + 1));gcache.size=64M"
wsrep_sst_method=rsync
wsrep_sst_receive_address=127.0.0.1:$((14444 + 10 * (n - 1)))
CNF
  chown -R mysql:mysql "$d"
}

launch() { # node, extra args
  local n=$1; shift
  local d; d="$(node_dir "$n")"
  rm -f "$d/mariadbd.sock"
  setsid "$MARIADBD" --defaults-file="$d/my.cnf" "$@" </dev/null >>"$d/stdout.log" 2>&1 &
}

wait_synced() { # node, seconds
  local n=$1 i
  for i in $(seq 1 "$2"); do
    if synced "$n"; then return 0; fi
    if [ "$i" -gt 5 ] && ! running "$n" && ! pgrep -f -- "--defaults-file=$(node_dir "$n")/my.cnf" >/dev/null; then
      echo "galera node $n exited; see $(node_dir "$n")/error.log" >&2
      tail -n 20 "$(node_dir "$n")/error.log" >&2 || true
      return 1
    fi
    sleep 1
  done
  echo "galera node $n did not sync within $2 s; see $(node_dir "$n")/error.log" >&2
  return 1
}

start() {
  [ "$(id -u)" = 0 ] || { echo "galera.sh start must run as root (the servers run as mysql)" >&2; exit 2; }
  [ -n "$PROVIDER" ] || { echo "libgalera_smm.so not found: install galera-4 (apt-get install galera-4)" >&2; exit 2; }
  command -v rsync >/dev/null || { echo "rsync not found: apt-get install rsync" >&2; exit 2; }
  mkdir -p "$DIR"; chmod 755 "$DIR" "$(dirname "$DIR")"
  local any=0 n
  for n in 1 2 3; do running "$n" && any=$n && break; done
  if [ "$any" = 0 ]; then
    # nobody up: bootstrap node 1 (a new cluster, or the last one's data)
    write_config 1
    if [ ! -d "$(node_dir 1)/data/mysql" ]; then
      mariadb-install-db --no-defaults --user=mysql --datadir="$(node_dir 1)/data" \
        --auth-root-authentication-method=normal --skip-test-db >"$(node_dir 1)/install.log" 2>&1
      chown -R mysql:mysql "$(node_dir 1)"
    fi
    [ -f "$(node_dir 1)/data/grastate.dat" ] \
      && sed -i 's/^safe_to_bootstrap:.*/safe_to_bootstrap: 1/' "$(node_dir 1)/data/grastate.dat"
    launch 1 --wsrep-new-cluster
    wait_synced 1 60
    client 1 "CREATE DATABASE IF NOT EXISTS test;
      CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY '';
      GRANT ALL ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;"
    any=1
  fi
  for n in 1 2 3; do
    if ! running "$n"; then
      write_config "$n"
      rm -f "$(node_dir "$n")/data/grastate.dat.lock"
      launch "$n"
      wait_synced "$n" 90
    fi
  done
  for n in 1 2 3; do wait_synced "$n" 60; done
  echo "galera: 3 nodes synced on 127.0.0.1:$(port 1)-$(port 3)"
}

stop() {
  local n pid i
  for n in 3 2 1; do
    pid="$(pid_of "$n" || true)"
    [ -n "$pid" ] || continue
    kill "$pid" 2>/dev/null || true
    for i in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
  done
  echo "galera: stopped"
}

status() {
  local n ok=0
  for n in 1 2 3; do
    if running "$n" && synced "$n"; then echo "node$n 127.0.0.1:$(port "$n") synced"
    elif running "$n"; then echo "node$n 127.0.0.1:$(port "$n") running, not synced"; ok=1
    else echo "node$n 127.0.0.1:$(port "$n") down"; ok=1; fi
  done
  return $ok
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  kill) pid="$(pid_of "${2:?node number}" || true)"; [ -z "$pid" ] || kill -9 "$pid"; echo "galera: node ${2} killed" ;;
  *) echo "usage: $0 start|stop|status|kill N" >&2; exit 2 ;;
esac
