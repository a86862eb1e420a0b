# Sourced by run-tests.sh: a PostgreSQL server at 127.0.0.1:${FRONTDESK_PG_PORT:-5432} (user postgres,
# trust authentication) for the sync tests (marker `postgres`).
#   ensure_postgres   does nothing when a server answers there (this machine kind runs one); else
#                     starts the machine's own clusters if they are only stopped; else makes a
#                     throw-away cluster under /tmp with Debian's PostgreSQL (installing it if
#                     missing) and starts it. Prints what it did; never fails the test command:
#                     without a server the sync tests skip locally and fail under CI=true.

_pg_port() { echo "${FRONTDESK_PG_PORT:-5432}"; }

_pg_answers() { pg_isready -q -h 127.0.0.1 -p "$(_pg_port)" 2>/dev/null; }

_pg_as_postgres() {
  # initdb and pg_ctl refuse root: run them as the postgres user when we are root.
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

ensure_postgres() {
  command -v pg_isready >/dev/null 2>&1 || { need_postgres_package || return 0; }
  _pg_answers && return 0
  if [ "$(_pg_port)" = 5432 ] && command -v pg_lsclusters >/dev/null 2>&1; then
    local version name
    while read -r version name _rest; do
      echo "Starting the PostgreSQL cluster $version/$name for the sync tests" >&2
      pg_ctlcluster "$version" "$name" start >/dev/null 2>&1 || true
    done < <(pg_lsclusters --no-header 2>/dev/null)
    for _ in 1 2 3 4 5; do _pg_answers && return 0; sleep 1; done
  fi
  local bin dir
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -n "$bin" ] || { echo "No PostgreSQL server binaries found: the sync tests will not run." >&2; return 0; }
  dir="/tmp/frontdesk-pg-$(_pg_port)"
  rm -rf "$dir" && mkdir -p "$dir"
  [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
  echo "Starting a throw-away PostgreSQL in $dir on 127.0.0.1:$(_pg_port) for the sync tests" >&2
  _pg_as_postgres "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 >"$dir/initdb.log" 2>&1 \
    && _pg_as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
         -o "-h 127.0.0.1 -p $(_pg_port) -k $dir" start >/dev/null 2>&1 \
    || echo "Could not start PostgreSQL (see $dir): the sync tests will skip locally, fail in CI." >&2
}

need_postgres_package() {
  command -v apt-get >/dev/null 2>&1 || return 1
  _install postgresql
}
