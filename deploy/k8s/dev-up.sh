#!/usr/bin/env bash
# From a clean machine with Docker to the order saga on a local Kubernetes cluster, then the
# README's two curls against it:
#   1. a kind cluster (kind v0.33.0 with its Kubernetes 1.35.8 node image, pinned by digest);
#   2. Strimzi, the version k8s-check checks the manifests against, into the dev overlay's
#      namespace and watching it (install-strimzi.sh);
#   3. every image of this repository that the dev overlay's pods run (order-saga/<module>:<tag>),
#      built from the root Dockerfile and loaded into the cluster's node;
#   4. kubectl apply -k overlays/dev, then waits for Kafka, every Deployment and the seed Job;
#   5. through kubectl port-forward to the gateway: log in as klea, then create_order (201).
# Usage: deploy/k8s/dev-up.sh          (again: reuses the cluster, rebuilds and reloads the images)
# Remove: kind delete cluster --name order-saga-dev
# Settings: KIND_CLUSTER (order-saga-dev), DEV_UP_PORT (9080, the local end of the port-forward).
# Needs Docker with about 8 GiB of memory for its VM or host (the dev overlay requests at most
# 6 GiB, k8s-check's DevBudgetTest), and the tools below; k8s-check's DevUpScriptTest runs this
# script against stand-ins of those tools.
set -euo pipefail

# Nothing but bash itself until every tool is known to be there.
missing=()
for tool in docker kind kubectl curl; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if ((${#missing[@]})); then
  echo "dev-up: missing on the PATH: ${missing[*]}" >&2
  for tool in "${missing[@]}"; do
    case $tool in
      docker) echo "  docker: Docker Engine 28 or newer, or Docker Desktop (https://docs.docker.com/engine/install/)" >&2 ;;
      kind) echo "  kind: kind v0.33.0 (https://kind.sigs.k8s.io/docs/user/quick-start/#installation)" >&2 ;;
      kubectl) echo "  kubectl: 1.34 to 1.36, the cluster runs 1.35 (https://kubernetes.io/docs/tasks/tools/)" >&2 ;;
      curl) echo "  curl: your system's package" >&2 ;;
    esac
  done
  exit 2
fi

# kind v0.33.0's release notes name this image for Kubernetes 1.35.8; a node image is built for one
# kind release, hence the digest.
node_image=kindest/node:v1.35.8@sha256:07b2536e30b803ed61d1677a79df6115f798ce64c80f9e22f6ed45afd09323c0
cluster=${KIND_CLUSTER:-order-saga-dev}
port=${DEV_UP_PORT:-9080}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
overlay="$here/overlays/dev"
ns=$(sed -n 's/^namespace: *//p' "$overlay/kustomization.yaml")
log() { echo "dev-up: $*"; }
fail() { echo "dev-up: $*" >&2; exit 1; }

docker info >/dev/null 2>&1 || { echo "dev-up: the Docker engine does not answer (docker info): start it" >&2; exit 2; }
[[ -n $ns ]] || fail "no namespace: in $overlay/kustomization.yaml"
kind version | grep -q ' v0\.33\.' || log "warning: kind v0.33.0 expected, found '$(kind version)'"

# 1. the cluster
if kind get clusters 2>/dev/null | grep -qx "$cluster"; then
  log "kind cluster $cluster exists: reusing it"
else
  kind create cluster --name "$cluster" --image "$node_image" --wait 5m
fi
kubectl config use-context "kind-$cluster" >/dev/null

# 2. Strimzi, watching the overlay's namespace
"$here/install-strimzi.sh" "$ns"

# 3. the images the dev pods pull that this repository builds
mapfile -t images < <(kubectl kustomize "$overlay" \
  | sed -n 's#^ *\(- \)\{0,1\}image: \(order-saga/[^ ]*\)$#\2#p' | sort -u)
((${#images[@]})) || fail "the dev overlay runs no order-saga/* image"
for image in "${images[@]}"; do
  module=${image#order-saga/}
  module=${module%%:*}
  if grep -q "^FROM .* AS ${module}\$" "$root/Dockerfile"; then
    # an image with a stage of its own (seed)
    log "docker build --target $module -t $image"
    docker build --target "$module" -t "$image" "$root"
  else
    # a service: the Dockerfile's default stage, with its module and its port (server.port's default)
    yml="$root/$module/src/main/resources/application.yml"
    [[ -f $yml ]] || fail "$image: no module $module with an application.yml"
    # shellcheck disable=SC2016 # the yml's literal ${SERVER_PORT:...}
    service_port=$(sed -n 's/^ *port: *\${SERVER_PORT:\([0-9][0-9]*\)}.*/\1/p' "$yml" | head -n 1)
    [[ -n $service_port ]] || fail "$image: no server.port: \${SERVER_PORT:<port>} in $yml"
    log "docker build --build-arg MODULE=$module --build-arg PORT=$service_port -t $image"
    docker build --build-arg MODULE="$module" --build-arg PORT="$service_port" -t "$image" "$root"
  fi
  kind load docker-image "$image" --name "$cluster"
done

# 4. apply and wait (a second run restarts the services, whose images may have changed)
existing=$(kubectl -n "$ns" get deployments -o name 2>/dev/null || true)
kubectl apply -k "$overlay"
if [[ -n $existing ]]; then
  kubectl -n "$ns" rollout restart deployment
fi
log "waiting for Kafka (Strimzi), the Deployments and the seed Job (the first time takes minutes)"
kubectl -n "$ns" wait kafka --all --for=condition=Ready --timeout=20m
kubectl -n "$ns" wait deployment --all --for=condition=Available --timeout=15m
kubectl -n "$ns" wait job/seed --for=condition=Complete --timeout=15m

# 5. the README's curls through a port-forward to the gateway
kubectl -n "$ns" port-forward svc/gateway "$port:9080" >/dev/null 2>&1 &
forward=$!
trap 'kill "$forward" 2>/dev/null || true' EXIT
gateway="http://localhost:$port"
for _ in $(seq 60); do
  curl -fsS -o /dev/null "$gateway/actuator/health" 2>/dev/null && break
  sleep 1
done

log "curl -X POST $gateway/api/auth/login (klea)"
answer=$(curl -sS -w '\n%{http_code}' -X POST "$gateway/api/auth/login" -H "Content-Type: application/json" \
  -d '{"username": "klea", "password": "password123"}')
status=${answer##*$'\n'}
body=${answer%$'\n'*}
[[ $status == 200 ]] || fail "login answered $status: $body"
token=$(sed -n 's/.*"token" *: *"\([^"]*\)".*/\1/p' <<<"$body")
[[ -n $token ]] || fail "no token in the login answer: $body"

order='{"token": "'"$token"'", "customer_id": "6849dd2562e5fa1c135a04fb",
  "products": [{"product_id": "6849dd2a5b6717b8055f93a9", "quantity": 1},
               {"product_id": "6849dd2b5b6717b8055f93aa", "quantity": 2}],
  "payment_method": "credit_card",
  "shipping_address": "123 Main St, City, State 12345",
  "billing_address": "123 Main St, City, State 12345"}'
# The first saga on cold JVMs may outlast the gateway's hop timeout (504; the order goes on): the
# same request with the same Idempotency-Key is then answered from that order.
key="dev-up-$(date +%s)"
for attempt in 1 2 3 4 5 6 7 8 9 10; do
  log "curl -X POST $gateway/api/create_order (attempt $attempt)"
  answer=$(curl -sS -w '\n%{http_code}' -X POST "$gateway/api/create_order" -H "Content-Type: application/json" \
    -H "Idempotency-Key: $key" -d "$order")
  status=${answer##*$'\n'}
  [[ $status == 504 ]] || break
  sleep 3
done
body=${answer%$'\n'*}
[[ $status == 201 ]] || fail "create_order answered $status: $body"
echo "$body"
log "order-saga runs in kind cluster $cluster, namespace $ns: kubectl -n $ns port-forward svc/gateway 9080"
