#!/usr/bin/env bash
# Installs the Strimzi cluster operator into NAMESPACE, watching NAMESPACE, at the one version the
# manifests are checked against: k8s-check validates every Strimzi resource of deploy/k8s against
# the CRDs of STRIMZI_VERSION (vendored in k8s-check/src/test/resources/strimzi-crds/) and fails
# when this line, the vendored CRDs and strimzi-api.version in k8s-check/pom.xml disagree.
#   deploy/k8s/install-strimzi.sh order-saga          (prod: before the first apply -k overlays/prod)
# dev-up.sh runs it with the dev overlay's namespace. Idempotent: again upgrades to this version.
# Needs kubectl (its current context is the target cluster) and curl.
set -euo pipefail

STRIMZI_VERSION=1.2.0
url="https://github.com/strimzi/strimzi-kafka-operator/releases/download/${STRIMZI_VERSION}/strimzi-cluster-operator-${STRIMZI_VERSION}.yaml"

ns=${1:-}
if [[ -z $ns ]]; then
  echo "usage: install-strimzi.sh <namespace the saga runs in>" >&2
  exit 2
fi
for tool in kubectl curl; do
  command -v "$tool" >/dev/null 2>&1 || { echo "install-strimzi: $tool is missing on the PATH" >&2; exit 2; }
done

kubectl create namespace "$ns" --dry-run=client -o yaml | kubectl apply -f -
# The release file installs the operator, its RBAC and the CRDs. Its bindings name the namespace
# "myproject": the operator's own, which it watches by default (STRIMZI_NAMESPACE is the pod's
# namespace). Server-side apply: the Kafka CRD is too large for client-side apply's annotation.
echo "install-strimzi: Strimzi ${STRIMZI_VERSION} into namespace ${ns}, watching it"
curl -fsSL "$url" \
  | sed "s/namespace: myproject/namespace: ${ns}/" \
  | kubectl apply --server-side --force-conflicts -n "$ns" -f -
kubectl -n "$ns" rollout status deployment/strimzi-cluster-operator --timeout=5m
