#!/usr/bin/env bash
# Renders the nginx config into OUT_DIR for a run outside the nginx image (CI's syntax check, a
# loopback test, a host without Docker), the way the image's entrypoint does it in compose:
#   OUT_DIR/nginx.conf                  copy of nginx/nginx.conf
#   OUT_DIR/run/                        where nginx writes (pid file, temp folders)
#   OUT_DIR/conf.d/<name>.conf          each nginx/templates/<name>.conf.template, rendered
#                                       (orchestrator.conf includes preview-$PREVIEW_HOST_MODE.conf)
# then: nginx -e stderr -p OUT_DIR/ -c OUT_DIR/nginx.conf [-t]
#
# Reads the variables listed in the templates from the environment; API_DOMAIN, PREVIEW_DOMAIN,
# TLS_CERT and TLS_KEY are required, the rest default to loopback values, PREVIEW_HOST_MODE=path
# and the rate limits compose uses (NGINX_WEBHOOK_RATE 100r/s, burst 200; NGINX_PREVIEW_RATE 20r/s, burst 100).
set -euo pipefail

out_dir=${1:?usage: nginx/render.sh OUT_DIR}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

: "${API_DOMAIN:?API_DOMAIN is required}"
: "${PREVIEW_DOMAIN:?PREVIEW_DOMAIN is required}"
: "${TLS_CERT:?TLS_CERT is required (path to a PEM certificate chain)}"
: "${TLS_KEY:?TLS_KEY is required (path to a PEM private key)}"
export API_UPSTREAM=${API_UPSTREAM:-127.0.0.1:8000}
export PREVIEW_UPSTREAM=${PREVIEW_UPSTREAM:-127.0.0.1:8001}
export NGINX_RESOLVER=${NGINX_RESOLVER:-127.0.0.1}
export NGINX_HTTP_LISTEN=${NGINX_HTTP_LISTEN:-127.0.0.1:8080}
export NGINX_HTTPS_LISTEN=${NGINX_HTTPS_LISTEN:-127.0.0.1:8443}
export PREVIEW_HOST_MODE=${PREVIEW_HOST_MODE:-path}
export NGINX_WEBHOOK_RATE=${NGINX_WEBHOOK_RATE:-100r/s}
export NGINX_WEBHOOK_BURST=${NGINX_WEBHOOK_BURST:-200}
export NGINX_PREVIEW_RATE=${NGINX_PREVIEW_RATE:-20r/s}
export NGINX_PREVIEW_BURST=${NGINX_PREVIEW_BURST:-100}
export API_DOMAIN PREVIEW_DOMAIN TLS_CERT TLS_KEY
case "$PREVIEW_HOST_MODE" in
  path | subdomain) ;;
  *) echo "PREVIEW_HOST_MODE must be path or subdomain" >&2; exit 1 ;;
esac

# Only these names are replaced, so nginx's own $variables pass through untouched.
variables='${API_DOMAIN} ${PREVIEW_DOMAIN} ${PREVIEW_HOST_MODE} ${API_UPSTREAM} ${PREVIEW_UPSTREAM} ${TLS_CERT} ${TLS_KEY} ${NGINX_RESOLVER} ${NGINX_HTTP_LISTEN} ${NGINX_HTTPS_LISTEN} ${NGINX_WEBHOOK_RATE} ${NGINX_WEBHOOK_BURST} ${NGINX_PREVIEW_RATE} ${NGINX_PREVIEW_BURST}'

mkdir -p "$out_dir/conf.d" "$out_dir/run"
cp "$here/nginx.conf" "$out_dir/nginx.conf"
# Every template, as the nginx image does it (it renders all of /etc/nginx/templates).
for template in "$here"/templates/*.conf.template; do
  name=$(basename "$template" .template)
  envsubst "$variables" <"$template" >"$out_dir/conf.d/$name"
done
