#!/usr/bin/env bash
# The test command: installs what is missing (Chromium, PostgreSQL), starts a throwaway PostgreSQL cluster on a
# free port, and runs every test: unit, integration on SQLite and PostgreSQL, and browser tests.
# Usage: ./test.sh [--no-browser] [extra dotnet test arguments]
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)

browser=1
if [[ "${1:-}" == "--no-browser" ]]; then browser=0; shift; fi

say() { printf '\n== %s\n' "$*"; }

as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

apt_updated=0
need_pkg() {
  # need_pkg <command-or-path> <debian packages...>
  local probe=$1; shift
  if [[ -x "$probe" ]] || command -v "$probe" >/dev/null 2>&1; then return; fi
  if [[ $apt_updated -eq 0 ]]; then as_root apt-get update -qq; apt_updated=1; fi
  say "Installing $*"
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

need_pkg "$(pg_bin)/initdb" postgresql
[[ $browser -eq 1 ]] && need_pkg /usr/bin/chromium chromium fonts-dejavu-core
command -v dotnet >/dev/null || { echo "The .NET 10 SDK is required (dotnet not found)." >&2; exit 1; }

# A throwaway PostgreSQL cluster as the postgres user, on a free port, removed on exit.
PGBIN=$(pg_bin)
pgdir=$(mktemp -d /tmp/nara-pg.XXXXXX)
chmod 755 "$pgdir"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null || echo 55433)
password=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
run_pg() { if [[ $(id -u) -eq 0 ]]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
if [[ $(id -u) -eq 0 ]]; then chown postgres "$pgdir"; fi
cleanup() {
  run_pg "'$PGBIN/pg_ctl' -D '$pgdir/data' -m immediate stop" >/dev/null 2>&1 || true
  rm -rf "$pgdir"
}
trap cleanup EXIT
say "Starting PostgreSQL on port $port"
echo "$password" > "$pgdir/pw"
if [[ $(id -u) -eq 0 ]]; then chown postgres "$pgdir/pw"; fi
run_pg "'$PGBIN/initdb' -D '$pgdir/data' -U postgres --pwfile='$pgdir/pw' -A scram-sha-256 -E UTF8 --locale=C.UTF-8" >/dev/null
run_pg "'$PGBIN/pg_ctl' -D '$pgdir/data' -l '$pgdir/log' -w -o \"-p $port -k '$pgdir' -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200\" start" >/dev/null
export NARA_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Password=$password;Database=postgres;Include Error Detail=true"

say "Building"
dotnet build Nara.slnx -c Release -nologo -clp:ErrorsOnly

results=$(mktemp -d /tmp/nara-results.XXXXXX)
status=0
say "Unit and integration tests (SQLite and PostgreSQL)"
dotnet test tests/Nara.Tests -c Release --no-build -nologo --logger "trx;LogFileName=$results/unit.trx" "$@" || status=1
if [[ $browser -eq 1 ]]; then
  say "Browser tests (Chromium)"
  NARA_CHROMIUM=/usr/bin/chromium dotnet test tests/Nara.BrowserTests -c Release --no-build -nologo --logger "trx;LogFileName=$results/browser.trx" "$@" || status=1
fi

# One closing line over all runs, in the plain form CI reads.
python3 - "$results" <<'PY' || true
import sys, glob, re
p = f = s = 0
for t in glob.glob(sys.argv[1] + "/*.trx"):
    x = open(t, encoding="utf-8").read()
    m = re.search(r'<Counters [^>]*', x)
    if not m: continue
    c = dict(re.findall(r'(\w+)="(\d+)"', m.group(0)))
    p += int(c.get("passed", 0)); f += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0))
    s += int(c.get("notExecuted", 0))
print(f"\n{p} passed, {f} failed, {s} skipped")
PY
rm -rf "$results"
exit $status
