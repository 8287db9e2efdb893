#!/usr/bin/env bash
# Runs the image that Jib wrote as a tar without a container engine: unpacks its layers into a root file system
# and starts the image's own entrypoint there in a chroot, as the image's user, with the image's environment.
# Checks that the JVM and the application start (version, help, and a `run` that must give up with exit code 3
# when Kafka and the Schema Registry are unreachable).
#
# Usage: smoke-test.sh IMAGE.tar   (as root; needs tar, jq, chroot)
set -euo pipefail

image=$(realpath "${1:?usage: smoke-test.sh IMAGE.tar}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/image" "$work/rootfs"
tar -xf "$image" -C "$work/image"

config=$work/image/$(jq -r '.[0].Config' "$work/image/manifest.json")
jq -r '.[0].Layers[]' "$work/image/manifest.json" | while read -r layer; do
  tar --warning=no-unknown-keyword -xf "$work/image/$layer" -C "$work/rootfs"
done

user=$(jq -r '.config.User' "$config")
mapfile -t entrypoint < <(jq -r '.config.Entrypoint[]' "$config")
mapfile -t environment < <(jq -r '.config.Env[]' "$config")
# The java launcher finds its libraries relative to itself through /proc/self/exe; a chroot has no /proc, so
# glibc is told the launcher's directory instead.
java_home=$(printf '%s\n' "${environment[@]}" | sed -n 's/^JAVA_HOME=//p')
environment+=("LD_ORIGIN_PATH=${java_home:-/usr/lib/jvm/java-17-openjdk-amd64}/bin")

# in_image [NAME=VALUE...] -- ARGS...: the entrypoint with ARGS, with extra environment variables.
in_image() {
  local extra=()
  while [ "$1" != "--" ]; do extra+=("$1"); shift; done
  shift
  env -i "${environment[@]}" "${extra[@]}" chroot --userspec="$user" "$work/rootfs" "${entrypoint[@]}" "$@"
}

echo "image: user $user, entrypoint ${entrypoint[*]}"
version=$(in_image -- --version)
echo "image: --version -> $version"
grep -q '^zoom-metering ' <<<"$version"

in_image -- run --help | grep -q -- '--bootstrap-servers'
echo "image: run --help lists the run options"

set +e
output=$(in_image KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9 SCHEMA_REGISTRY_URL=http://127.0.0.1:9 ZM_HTTP_PORT=-1 \
  ZM_STARTUP_TIMEOUT_MS=3000 -- run 2>&1)
code=$?
set -e
echo "image: run against unreachable services exited $code: $(grep -m1 'cannot start' <<<"$output" || true)"
if [ "$code" -ne 3 ]; then
  echo "$output" | tail -n 40
  echo "image: expected exit code 3 (unreachable at start-up), got $code" >&2
  exit 1
fi
echo "image: smoke test passed"
