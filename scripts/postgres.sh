#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the store contract tests (test/store-contract.test.ts).
#
#   scripts/postgres.sh start DIR PORT   initdb DIR/data if needed, start it on 127.0.0.1:PORT, and print
#                                    the connection URL (the only line on stdout)
#   scripts/postgres.sh stop DIR         stop the cluster and delete DIR/data (the log stays)
#
# Trust auth, loopback only, fsync off: never point this at data you want to keep. initdb and the
# server refuse to run as root, so under root (CI) they run as the `postgres` OS user, or as a
# dedicated unprivileged user created on first use.
set -euo pipefail

readonly SERVICE_USER_FALLBACK=localpay-pg

log() { printf '%s\n' "postgres.sh: $*" >&2; }
die() { log "$*"; exit 1; }

# The server binaries: pg_config's bindir when it has initdb, else the newest Debian install
# (/usr/lib/postgresql/<version>/bin, where `apt-get install postgresql` puts them), else PATH.
find_bindir() {
  local dir
  if command -v pg_config >/dev/null 2>&1; then
    dir=$(pg_config --bindir)
    if [[ -x "$dir/initdb" ]]; then echo "$dir"; return; fi
  fi
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [[ -n "$dir" && -x "$dir/initdb" ]]; then echo "$dir"; return; fi
  if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return; fi
  die "no PostgreSQL server binaries found (install them: apt-get install -y postgresql)"
}

# Who runs the server: ourselves unless we are root.
service_user() {
  if [[ $(id -u) -ne 0 ]]; then id -un; return; fi
  if id postgres >/dev/null 2>&1; then echo postgres; return; fi
  if ! id "$SERVICE_USER_FALLBACK" >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin "$SERVICE_USER_FALLBACK"
  fi
  echo "$SERVICE_USER_FALLBACK"
}

as_user() {
  local user=$1; shift
  if [[ $(id -un) == "$user" ]]; then "$@"; else runuser -u "$user" -- "$@"; fi
}

cmd_start() {
  [[ $# -eq 2 ]] || die "usage: $0 start DIR PORT"
  local dir=$1 port=$2
  [[ $port =~ ^[0-9]+$ ]] || die "PORT must be a number, got '$port'"
  local bindir user
  bindir=$(find_bindir)
  user=$(service_user)
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  chown "$user" "$dir"
  as_user "$user" test -x "$dir" || die "$user cannot reach $dir: use a directory outside private home directories (e.g. under /tmp)"

  if [[ ! -f "$dir/data/PG_VERSION" ]]; then
    log "initdb in $dir/data as $user ($bindir)"
    as_user "$user" "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust \
      --encoding=UTF8 --locale=C >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
  fi

  # The socket goes in DIR too, so the server needs no write access to /var/run/postgresql.
  log "starting on 127.0.0.1:$port"
  as_user "$user" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >&2 || { tail -n 30 "$dir/postgres.log" >&2 || true; die "the server did not start"; }

  echo "postgres://postgres@127.0.0.1:$port/postgres"
}

cmd_stop() {
  [[ $# -eq 1 ]] || die "usage: $0 stop DIR"
  local dir=$1
  [[ -f "$dir/data/PG_VERSION" ]] || die "$dir/data is not a PostgreSQL cluster"
  local bindir user
  bindir=$(find_bindir)
  user=$(stat -c %U "$dir/data")
  if as_user "$user" "$bindir/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    as_user "$user" "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >&2
  fi
  rm -rf "$dir/data"
  log "stopped; removed $dir/data"
}

case "${1:-}" in
  start) shift; cmd_start "$@" ;;
  stop) shift; cmd_stop "$@" ;;
  *) die "usage: $0 start DIR PORT | stop DIR" ;;
esac
