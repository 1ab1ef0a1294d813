#!/usr/bin/env bash
# Installs what .ci/e2e-cluster.sh needs to run a real (loopback-only) Kubernetes control plane:
#   - etcd (Debian's etcd-server) and kubectl (Debian's kubernetes-client, unless a kubectl is already on PATH);
#   - kube-apiserver and kube-controller-manager built from Debian's `kubernetes` SOURCE package with Debian's Go,
#     offline (vendored modules, no module proxy). Debian ships no binary package for them.
# The two binaries are cached in .cache/k8s/bin (ignored by git); with the cache present this script only checks
# the packages. Without it the build takes about 10-20 minutes on 2 cores. Needs root for apt-get.
# Usage: .ci/install-kube.sh            (prints the folder holding kube-apiserver/kube-controller-manager last)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cache=${V6_KUBE_CACHE:-$root/.cache/k8s}
bin=$cache/bin
log() { echo "install-kube: $*" >&2; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_updated=
apt_update() { [ -n "$apt_updated" ] || { as_root apt-get update -q >&2; apt_updated=1; }; }

need_pkgs=()
command -v etcd >/dev/null || need_pkgs+=(etcd-server)
command -v kubectl >/dev/null || need_pkgs+=(kubernetes-client)
command -v curl >/dev/null || need_pkgs+=(curl)
command -v openssl >/dev/null || need_pkgs+=(openssl)
if [ ${#need_pkgs[@]} -gt 0 ]; then
  log "apt-get install ${need_pkgs[*]}"
  apt_update
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q "${need_pkgs[@]}" >&2
fi

if [ -x "$bin/kube-apiserver" ] && [ -x "$bin/kube-controller-manager" ] && grep -qs 'reflect2 1.0.2' "$bin/VERSION"; then
  log "cached: $bin ($(cat "$bin/VERSION"))"
  echo "$bin"
  exit 0
fi

# Build from Debian's source package.
# golang-github-modern-go-reflect2-dev: see the reflect2 note below.
if ! command -v go >/dev/null || ! command -v dpkg-source >/dev/null || [ ! -d /usr/share/gocode/src/github.com/modern-go/reflect2 ]; then
  apt_update
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q golang-go dpkg-dev golang-github-modern-go-reflect2-dev >&2
fi
if ! grep -rqsE '^(Types:.*deb-src|deb-src )' /etc/apt/sources.list /etc/apt/sources.list.d/; then
  # Same archive and suites as the binary entries, for source packages.
  src=/etc/apt/sources.list.d/v6ready-deb-src.sources
  log "adding $src"
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources | as_root tee "$src" >/dev/null
  else
    grep -E '^deb ' /etc/apt/sources.list | sed 's/^deb /deb-src /' | as_root tee "${src%.sources}.list" >/dev/null
  fi
  apt_updated=
fi
apt_update

work=$(mktemp -d "${TMPDIR:-/tmp}/v6ready-kube.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"
log "apt-get source kubernetes (in $work)"
apt-get source -q kubernetes >&2
srcdir=$(find . -maxdepth 1 -type d -name 'kubernetes-*' | head -1)
[ -n "$srcdir" ] || { log "apt-get source kubernetes unpacked nothing"; exit 1; }
cd "$srcdir"
# Debian's version is like 1.20.5+really1.20.2-1.1+deb12u1: the upstream release is the part after "really".
debver=$(dpkg-parsechangelog -S Version)
kver=v$(echo "$debver" | sed -E 's/^.*really//; s/-[^-]*$//')
log "building kube-apiserver, kube-controller-manager $kver (Debian $debver) with $(go version)"

# Kubernetes 1.20 builds in GOPATH mode from its vendor/ folder (as its own hack/lib/golang.sh and Debian's rules do):
# no module download is possible or needed.
# The Go build cache stays in the cache folder until the binaries are built, so an interrupted build resumes.
export GOPATH=$work/gopath GOCACHE=$cache/go-build GO111MODULE=off GOFLAGS= GOPROXY=off GOSUMDB=off CGO_ENABLED=0 \
  GOTOOLCHAIN=local
mkdir -p "$GOPATH/src/k8s.io"
ln -s "$PWD" "$GOPATH/src/k8s.io/kubernetes"
cd "$GOPATH/src/k8s.io/kubernetes"
major=${kver#v}; major=${major%%.*}
minor=${kver#v*.}; minor=${minor%%.*}
ldflags="-s -w"
# GOPATH mode: the vendored packages' import paths start with k8s.io/kubernetes/vendor/ (-X of a missing symbol is ignored).
for p in k8s.io/kubernetes/vendor/k8s.io/component-base/version k8s.io/kubernetes/vendor/k8s.io/client-go/pkg/version \
  k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  ldflags+=" -X $p.gitVersion=$kver -X $p.gitMajor=$major -X $p.gitMinor=$minor -X $p.gitTreeState=clean"
  ldflags+=" -X $p.buildDate=$(date -u -d "@$(dpkg-parsechangelog -S Timestamp)" +%Y-%m-%dT%H:%M:%SZ)"
done
start=$(date +%s)
# Kubernetes 1.20 vendors github.com/modern-go/reflect2 1.0.1, which is broken with Go 1.18 and later: built with
# Debian's Go 1.19, kube-apiserver died with "unexpected fault address" (SIGSEGV in mapiterinit, called from reflect2's
# UnsafeIterate through json-iterator) on the first PATCH of a Node's status. reflect2 1.0.2 is the fixed release;
# Debian ships it, so the vendored copy is replaced with Debian's (same API).
rm -rf vendor/github.com/modern-go/reflect2
cp -r /usr/share/gocode/src/github.com/modern-go/reflect2 vendor/github.com/modern-go/reflect2
# kube-apiserver's OpenAPI definitions (pkg/generated/openapi) are generated, not shipped in the source package: run
# openapi-gen over every package tagged +k8s:openapi-gen, as Makefile.generated_files (gen_openapi) does.
if [ ! -f pkg/generated/openapi/zz_generated.openapi.go ]; then
  log "generating pkg/generated/openapi (openapi-gen)"
  inputs=$(grep -RlE --include='*.go' '^// *\+k8s:openapi-gen=' cmd pkg plugin vendor 2>/dev/null \
    | grep -vE '^vendor/k8s.io/(code-generator|sample-apiserver)/' | xargs -n1 dirname | LC_ALL=C sort -u \
    | sed 's|^|k8s.io/kubernetes/|' | paste -sd, -)
  [ -n "$inputs" ] || { log "no +k8s:openapi-gen packages found"; exit 1; }
  go run k8s.io/kubernetes/vendor/k8s.io/kube-openapi/cmd/openapi-gen --logtostderr \
    -i "$inputs" -p k8s.io/kubernetes/pkg/generated/openapi -O zz_generated.openapi \
    -h vendor/k8s.io/code-generator/hack/boilerplate.go.txt -r "$work/openapi-violations.report" >&2
fi
mkdir -p "$work/out"
go build -p "${V6_KUBE_BUILD_JOBS:-2}" -trimpath -ldflags "$ldflags" -o "$work/out/" \
  k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager >&2
mkdir -p "$bin"
install -m 0755 "$work/out/kube-apiserver" "$work/out/kube-controller-manager" "$bin/"
echo "$kver (Debian kubernetes $debver, $(go version | awk '{print $3}'), reflect2 1.0.2)" > "$bin/VERSION"
rm -rf "$cache/go-build"
log "built in $(( $(date +%s) - start )) s: $(cat "$bin/VERSION")"
echo "$bin"
