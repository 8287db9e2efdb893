#!/usr/bin/env bash
# Assembles a Java 17 base image as a `docker save` tar from Debian packages, without a registry or a Docker
# daemon, so that CI can build the real image with Jib offline (the image-local-base profile of app/pom.xml).
# It stands in for gcr.io/distroless/java17-debian12:nonroot, which production builds use, and mirrors it where the
# application can tell: glibc and a headless JRE, java at /usr/bin/java, user nonroot (65532) with a home, a
# world-writable /tmp, no shell. It lacks the CA bundle (mount a truststore for TLS).
#
# Usage: build-ci-base.sh OUTPUT.tar   (as root, after apt-get update; needs apt-get, dpkg-deb, tar, sha256sum)
set -euo pipefail

out=$(realpath -m "${1:?usage: build-ci-base.sh OUTPUT.tar}")
packages=(openjdk-17-jre-headless libc6 libgcc-s1 libstdc++6 zlib1g)
java_home=/usr/lib/jvm/java-17-openjdk-amd64

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/debs" "$work/rootfs" "$work/image"
chmod 0755 "$work"
# _apt must be able to write where apt-get download puts the files.
chmod 0777 "$work/debs"

(cd "$work/debs" && apt-get download -q "${packages[@]}" >/dev/null)
for deb in "$work"/debs/*.deb; do
  dpkg-deb -x "$deb" "$work/rootfs"
  echo "ci base: $(dpkg-deb -f "$deb" Package) $(dpkg-deb -f "$deb" Version)"
done

root=$work/rootfs
test -x "$root$java_home/bin/java"
rm -rf "$root/usr/share/doc" "$root/usr/share/man" "$root/usr/share/lintian" "$root/usr/share/gdb"
mkdir -p "$root/usr/bin" "$root/tmp" "$root/home/nonroot" "$root/etc"
ln -sf "$java_home/bin/java" "$root/usr/bin/java"
chmod 1777 "$root/tmp"
printf 'root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' >"$root/etc/passwd"
printf 'root:x:0:\nnobody:x:65534:\nnonroot:x:65532:\n' >"$root/etc/group"
chown 65532:65532 "$root/home/nonroot"

# One reproducible layer: sorted, fixed times, numeric owners.
tar --sort=name --mtime=@0 --numeric-owner --format=posix --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime \
  -C "$root" -cf "$work/image/layer.tar" .
diff_id=sha256:$(sha256sum "$work/image/layer.tar" | cut -d' ' -f1)

cat >"$work/image/config.json" <<EOF
{"architecture":"amd64","os":"linux","created":"1970-01-01T00:00:00Z",
 "config":{"User":"65532:65532","WorkingDir":"/home/nonroot",
  "Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","JAVA_HOME=$java_home","LANG=C.UTF-8"]},
 "rootfs":{"type":"layers","diff_ids":["$diff_id"]},
 "history":[{"created":"1970-01-01T00:00:00Z","created_by":"deploy/image/build-ci-base.sh: ${packages[*]}"}]}
EOF
cat >"$work/image/manifest.json" <<EOF
[{"Config":"config.json","RepoTags":["zoom-metering-ci-base:java17"],"Layers":["layer.tar"]}]
EOF
mkdir -p "$(dirname "$out")"
tar --sort=name --mtime=@0 --numeric-owner -C "$work/image" -cf "$out" manifest.json config.json layer.tar
echo "ci base: $out ($(du -h "$out" | cut -f1), layer $diff_id)"
