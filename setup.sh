#!/usr/bin/env bash
# Installs Citizen with Docker Compose: checks Docker, writes deploy/.env with generated
# secrets (an existing one is kept as it is), builds and starts the stack in the background,
# and on the first run creates the first administrator. docs/deployment.md tells the rest.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: ./setup.sh [--static] [--tls] [--dev]

  (no option)  production: PostGIS, API, server-rendered web app, nginx
  --static     the web app as static files served by nginx (no Node web server)
  --tls        HTTPS: put fullchain.pem and privkey.pem in deploy/certs first
  --dev        development: sources mounted with live reload, ports open on 127.0.0.1

The options only matter on the first run, which writes deploy/.env (COMPOSE_FILE).
The first administrator is ADMIN_USERNAME / ADMIN_EMAIL from the environment, or asked for.
PUBLIC_URL (default http://localhost) is the address users reach Citizen at.
EOF
}

say() { printf '%s\n' "$*"; }
fail() {
  printf 'setup.sh: %s\n' "$*" >&2
  exit 1
}

files=docker-compose.yml
tls=false
dev=false
for arg in "$@"; do
  case "$arg" in
    --static) files+=:docker-compose.static.yml ;;
    --tls) tls=true ;;
    --dev) dev=true ;;
    -h | --help) usage && exit 0 ;;
    *) usage >&2 && exit 2 ;;
  esac
done
if [[ $tls == true ]]; then files+=:docker-compose.tls.yml; fi

# 1. Docker and Compose: explain how to get them, never install them behind the user's back.
if ! command -v docker >/dev/null 2>&1; then
  fail "Docker is not installed. Install Docker Engine with its Compose plugin
(https://docs.docker.com/engine/install/; on Debian or Ubuntu the packages docker.io and
docker-compose also work), then run ./setup.sh again."
fi
if docker compose version >/dev/null 2>&1; then
  compose=(docker compose)
elif command -v docker-compose >/dev/null 2>&1; then
  compose=(docker-compose)
else
  fail "Docker Compose is missing. Install the Compose plugin (package docker-compose-plugin,
https://docs.docker.com/compose/install/) or docker-compose, then run ./setup.sh again."
fi
if ! docker info >/dev/null 2>&1; then
  fail "Docker is installed but its engine does not answer. Start it (sudo systemctl start docker)
or run this script as a user allowed to use Docker (the docker group)."
fi

# 2. deploy/.env, written once.
case $0 in
  */*) cd "${0%/*}/deploy" ;;
  *) cd deploy ;;
esac
certs=${TLS_CERTS_DIR:-certs}
if [[ $tls == true && ! -e .env ]] && ! [[ -f $certs/fullchain.pem && -f $certs/privkey.pem ]]; then
  fail "HTTPS needs fullchain.pem and privkey.pem in deploy/certs (or TLS_CERTS_DIR): put them there first."
fi
first_run=false
if [[ -e .env ]]; then
  say "Keeping deploy/.env as it is."
else
  first_run=true
  admin_username=${ADMIN_USERNAME:-}
  admin_email=${ADMIN_EMAIL:-}
  if [[ -z $admin_username || -z $admin_email ]] && [[ ! -t 0 ]]; then
    fail "Set ADMIN_USERNAME and ADMIN_EMAIL for the first administrator."
  fi
  [[ -n $admin_username ]] || read -rp "First administrator's username: " admin_username
  [[ -n $admin_email ]] || read -rp "First administrator's e-mail: " admin_email
  [[ $admin_email == *@* ]] || fail "\"$admin_email\" is not an e-mail address."

  public_url=${PUBLIC_URL:-http://localhost}
  url_pattern='^https?://[^[:space:]|&\\]+$'
  [[ $public_url =~ $url_pattern ]] || fail "PUBLIC_URL \"$public_url\" is not an http(s) address."
  password=$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')
  compose_file="COMPOSE_FILE=$files"
  if [[ $dev == true ]]; then compose_file="#COMPOSE_FILE=$files"; fi

  settings=$(sed -e "s|^COMPOSE_FILE=.*|$compose_file|" \
    -e "s|^POSTGRES_PASSWORD=.*|POSTGRES_PASSWORD=$password|" \
    -e "s|^PUBLIC_URL=.*|PUBLIC_URL=$public_url|" .env.example)
  umask 077
  # noclobber: even a .env created meanwhile is never overwritten.
  (
    set -o noclobber
    printf '%s\n' "$settings" >.env
  )
  say "Wrote deploy/.env (database password generated). Review it, then keep it private."
fi

# 3. Build and start.
say "Building and starting Citizen with ${compose[*]}..."
"${compose[@]}" up -d --build

# 4. The first administrator, once the backend runs (it prints the generated password).
if [[ $first_run == true ]]; then
  create_admin=("${compose[@]}" exec -T backend node apps/api/dist/cli.js create-admin
    --username "$admin_username" --email "$admin_email")
  if ! "${create_admin[@]}"; then
    fail "The administrator was not created. Once the stack runs, try again in deploy/ with:
  ${create_admin[*]}"
  fi
fi

say "Citizen is running. Logs: cd deploy && ${compose[*]} logs -f"
