#!/usr/bin/env bash
# The Debian package as an administrator meets it, on this machine (CI runs it after the test
# suite: `.ci/run`). It changes the system — installs the package, creates the `ita` user, a
# PostgreSQL cluster of its own — and undoes all of it at the end. Root only.
#   build the package (cpack) → apt install it → the files, user and modes it promises →
#   systemd-analyze verify → a database for `ita` (peer authentication, the shipped settings'
#   way) → ita migrate and ita doctor as `ita` → the unit's ExecStart as `ita` → /healthz,
#   /readyz, /metrics → ita doctor fails with one line per broken setting → purge.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ "$(id -u)" -eq 0 ] || { echo "install_test: run as root (it installs a package)"; exit 1; }
fail() { echo "install_test: FAILED: $*" >&2; exit 1; }
step() { echo "install_test: $*"; }

work=$(mktemp -d)
cluster=itapkg$$
server_pid=
cleanup() {
  [ -z "$server_pid" ] || kill "$server_pid" 2>/dev/null || true
  pg_dropcluster --stop 15 "$cluster" 2>/dev/null || true
  DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq ita >/dev/null 2>&1 || true
  deluser --system ita >/dev/null 2>&1 || true
  rm -rf "$work" /var/lib/ita
}
trap cleanup EXIT

step "building the package"
cmake build >/dev/null
(cd build && rm -f ita_*.deb && cpack -G DEB >/dev/null)
deb=$(ls build/ita_*_*.deb)
dpkg-deb --field "$deb" Depends | grep -q 'fonts-thai-tlwg' || fail "Depends lacks the Thai fonts"
dpkg-deb --field "$deb" Depends | grep -q 'libpq5' || fail "dpkg-shlibdeps found no libpq5"

step "installing $deb with apt"
DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 apt-get install -y -qq "./$deb" >/dev/null
[ -x /usr/bin/ita ] || fail "no /usr/bin/ita"
version=$(/usr/bin/ita --version)
[ "$version" = "$(build/ita --version)" ] || fail "installed '$version', built '$(build/ita --version)'"
getent passwd ita >/dev/null || fail "no ita user"
[ "$(stat -c '%U:%G %a' /etc/ita/ita.conf)" = "root:ita 640" ] || fail "/etc/ita/ita.conf is $(stat -c '%U:%G %a' /etc/ita/ita.conf)"
[ "$(stat -c '%U %a' /var/lib/ita)" = "ita 700" ] || fail "/var/lib/ita is $(stat -c '%U %a' /var/lib/ita)"
grep -q '^/etc/ita/ita.conf$' /var/lib/dpkg/info/ita.conffiles || fail "ita.conf is not a conffile"
for unit in ita@.service ita-backup.service ita-backup.timer; do
  [ -f "/lib/systemd/system/$unit" ] || fail "no $unit"
done
[ -f /usr/share/doc/ita/examples/nginx-ita.conf ] || fail "no nginx example"
# The shipped units name what the package installed (it failed when they named /usr/local/bin).
systemd-analyze verify /lib/systemd/system/ita-backup.service 2>&1 | grep -v 'Failed to.*bus\|offline' | grep . && fail "ita-backup.service does not verify" || true
exec_start=$(sed -n 's/^ExecStart=//p' /lib/systemd/system/ita@.service)
[ "${exec_start%% *}" = /usr/bin/ita ] || fail "the unit starts ${exec_start%% *}"

step "a PostgreSQL cluster of its own, the database owned by ita"
free_port() {  # a port nothing listens on (bash only: a fresh machine may have no python)
  local candidate
  while :; do
    candidate=$((20000 + RANDOM % 30000))
    (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null || { echo "$candidate"; return; }
  done
}
port=$(free_port)
pg_createcluster 15 "$cluster" --port "$port" >/dev/null
pg_ctlcluster 15 "$cluster" start
runuser -u postgres -- createuser -p "$port" ita
runuser -u postgres -- createdb -p "$port" -O ita ita
# The administrator's one edit: this cluster's port (the shipped line assumes 5432).
sed -i "s|^db = \"postgresql:///ita?host=/var/run/postgresql\"|db = \"postgresql:///ita?host=/var/run/postgresql\&port=$port\"|" /etc/ita/ita.conf
grep -q "port=$port" /etc/ita/ita.conf || fail "the shipped settings have no db line to edit"

step "ita migrate and ita doctor as ita, with the shipped settings"
runuser -u ita -- /usr/bin/ita --config /etc/ita/ita.conf migrate 2>&1 | tee "$work/migrate.txt"
grep -q 'postgresql database is at schema' "$work/migrate.txt" || fail "ita migrate said nothing of the schema"
[ "$(stat -c '%U %a' /var/lib/ita/secrets)" = "ita 600" ] || fail "the secrets file is $(stat -c '%U %a' /var/lib/ita/secrets)"
runuser -u ita -- /usr/bin/ita --config /etc/ita/ita.conf doctor > "$work/doctor.txt" || { cat "$work/doctor.txt"; fail "ita doctor failed"; }
cat "$work/doctor.txt"
grep -q '^ok    database: postgresql answers' "$work/doctor.txt" || fail "doctor did not reach the database"

step "the unit's ExecStart as ita"
http=$(free_port)
command=${exec_start//%i/$http}
# shellcheck disable=SC2086  # the unit's words, split as systemd splits them (no quoting in it)
# setpriv executes the command itself (as systemd does), so the signal reaches ita serve.
setpriv --reuid=ita --regid=ita --init-groups -- $command 2> "$work/serve.log" &
server_pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$http/healthz" > "$work/health.txt" 2>/dev/null && break; sleep 0.1; done
head -1 "$work/health.txt" | grep -qx ok || { cat "$work/serve.log"; fail "/healthz did not answer ok"; }
grep -qF "$version" "$work/health.txt" || fail "/healthz does not name $version"
[ "$(curl -s "http://127.0.0.1:$http/readyz")" = ready ] || fail "/readyz is not ready"
curl -s "http://127.0.0.1:$http/metrics" | grep -q '^ita_http_requests_total{route="/healthz"' || fail "/metrics counts no request"
grep -q '"msg":"ita serve: listening on http://127.0.0.1:'"$http"'"' "$work/serve.log" || fail "the log has no JSON line saying where it listens"
kill "$server_pid"; wait "$server_pid" || fail "ita serve did not stop cleanly on SIGTERM"
server_pid=

step "ita doctor names each broken setting"
broken() {  # $1: what to change (a sed expression on the settings); $2: the line doctor must print
  sed "$1" /etc/ita/ita.conf > "$work/broken.conf"
  chown root:ita "$work/broken.conf"; chmod 640 "$work/broken.conf"; chmod 755 "$work"
  if runuser -u ita -- /usr/bin/ita --config "$work/broken.conf" doctor > "$work/broken.txt" 2>&1; then
    cat "$work/broken.txt"; fail "doctor passed with '$1'"
  fi
  grep -qF "$2" "$work/broken.txt" || { cat "$work/broken.txt"; fail "doctor did not say '$2' for '$1'"; }
}
broken "s|port=$port|port=1|" "FAIL  database: "
broken 's|^secrets = .*|secrets = "/var/lib/ita/missing"|' "FAIL  secrets: /var/lib/ita/missing does not exist"
broken 's|^trusted-proxy = .*|trusted-proxy = ["nginx"]|' "FAIL  trusted-proxy: 'nginx' is not an IP address"
broken 's|^# listen = .*|listen = "8081"|' "FAIL  listen: '8081' is not ADDRESS:PORT"
broken 's|^# log-file = .*|log-file = "/root/ita.log"|' "FAIL  log: cannot write /root/ita.log"
broken 's|^# evidence-check-at = .*|evidence-check-at = "2am"|' "FAIL  evidence-check-at: '2am'"
sed 's|^# session-hours = .*|sesion-hours = 4|' /etc/ita/ita.conf > "$work/typo.conf"; chown root:ita "$work/typo.conf"
runuser -u ita -- /usr/bin/ita --config "$work/typo.conf" doctor > "$work/typo.txt" 2>&1 && fail "a misspelt key passed"
grep -q 'unknown setting serve.sesion-hours' "$work/typo.txt" || { cat "$work/typo.txt"; fail "the misspelt key is not named"; }

step "purge"
DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq ita >/dev/null
[ ! -e /usr/bin/ita ] && [ ! -e /etc/ita ] || fail "purge left /usr/bin/ita or /etc/ita"
[ -f /var/lib/ita/secrets ] || fail "purge removed the secrets file (data must stay)"
echo "install_test: passed"
