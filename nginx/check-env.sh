#!/bin/sh
# Runs in the nginx container before the image renders the templates (mounted into
# /docker-entrypoint.d/), so a missing setting stops the container with one plain line each
# instead of an nginx syntax error. Compose cannot require these itself: it interpolates every
# service, profile or not, so a required variable would break `docker compose up` without nginx.
set -eu

problems=0
fail() {
    echo "$0: $1" >&2
    problems=1
}

[ -n "${API_DOMAIN:-}" ] || fail "API_DOMAIN is not set (see .env.example)"
[ -n "${PREVIEW_DOMAIN:-}" ] || fail "PREVIEW_DOMAIN is not set (see .env.example)"
if [ -n "${API_DOMAIN:-}" ] && [ "${API_DOMAIN:-}" = "${PREVIEW_DOMAIN:-}" ]; then
    fail "PREVIEW_DOMAIN must differ from API_DOMAIN: previews need an origin of their own"
fi
case "${PREVIEW_HOST_MODE:-}" in
    path | subdomain) ;;
    *) fail "PREVIEW_HOST_MODE must be path or subdomain (got '${PREVIEW_HOST_MODE:-}')" ;;
esac
for rate in NGINX_WEBHOOK_RATE NGINX_PREVIEW_RATE; do
    eval "value=\${$rate:-}"
    printf '%s' "$value" | grep -Eq '^[0-9]+r/[sm]$' || fail "$rate must be a rate such as 100r/s or 30r/m (got '$value')"
done
for burst in NGINX_WEBHOOK_BURST NGINX_PREVIEW_BURST; do
    eval "value=\${$burst:-}"
    printf '%s' "$value" | grep -Eq '^[0-9]+$' || fail "$burst must be a whole number (got '$value')"
done
[ -r "${TLS_CERT:-}" ] || fail "TLS_CERT (${TLS_CERT:-unset}) is not a readable file; put certificates in TLS_CERTS_DIR"
[ -r "${TLS_KEY:-}" ] || fail "TLS_KEY (${TLS_KEY:-unset}) is not a readable file; put certificates in TLS_CERTS_DIR"

exit "$problems"
