#!/usr/bin/env bash
# Builds the control plane the *ClusterIT tests run against, from the Go module proxy only:
# kube-apiserver, kube-controller-manager, kube-scheduler and kubectl from k8s.io/kubernetes, etcd from
# go.etcd.io/etcd/server/v3 (Debian's etcd-server is 3.4; Kubernetes 1.36 needs 3.5 or newer) and kwok.
# Versions are pinned in go.mod (Kubernetes, etcd) and kwok/go.mod (kwok, a module of its own because it
# builds against its own k8s.io/* versions).
# Output: $GEARBOX_TEST_CLUSTER_BIN (default test-cluster/bin, git-ignored). A build is reused while the
# go.mod/go.sum files, this script and the Go version it was built from are unchanged.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${GEARBOX_TEST_CLUSTER_BIN:-$here/bin}
binaries=(kube-apiserver kube-controller-manager kube-scheduler kubectl etcd kwok)

stamp=$( (go version; cat "$here/build.sh" "$here/go.mod" "$here/go.sum" "$here/kwok/go.mod" "$here/kwok/go.sum") | sha256sum | cut -c1-16)
complete=true
for b in "${binaries[@]}"; do [ -x "$out/$b" ] || complete=false; done
if $complete && [ "$(cat "$out/.stamp" 2>/dev/null)" = "$stamp" ]; then
  echo "test-cluster: reusing $out ($stamp)"
  exit 0
fi

kube_version=$(cd "$here" && go list -m -f '{{.Version}}' k8s.io/kubernetes)   # v1.36.3
minor=${kube_version#v1.}; minor=${minor%%.*}
# What the binaries report as their version (kubectl version, /version); without it they say v0.0.0-master.
version_flags="-X k8s.io/component-base/version.gitVersion=$kube_version -X k8s.io/component-base/version.gitMajor=1"
version_flags="$version_flags -X k8s.io/component-base/version.gitMinor=$minor -X k8s.io/component-base/version.gitTreeState=clean"

mkdir -p "$out"
rm -f "$out/.stamp"
start=$(date +%s)
cd "$here"
go build -trimpath -ldflags "-s -w $version_flags" -o "$out/" \
  k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager k8s.io/kubernetes/cmd/kube-scheduler \
  k8s.io/kubernetes/cmd/kubectl
go build -trimpath -ldflags "-s -w" -o "$out/etcd" go.etcd.io/etcd/server/v3
cd "$here/kwok"
go build -trimpath -ldflags "-s -w" -o "$out/kwok" sigs.k8s.io/kwok/cmd/kwok
echo "${kube_version#v}" > "$out/version"   # kube-api-test names its binary directories by it
echo "$stamp" > "$out/.stamp"
echo "test-cluster: built ${binaries[*]} ($kube_version) into $out in $(( $(date +%s) - start )) s"
