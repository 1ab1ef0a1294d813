#!/usr/bin/env bash
# End-to-end check of `v6ready cluster` against a real Kubernetes control plane, on loopback only:
#   etcd + kube-apiserver + kube-controller-manager (built by .ci/install-kube.sh from Debian's source package),
#   token authentication, RBAC, dual-stack Service CIDRs (IPv6DualStack feature gate) and an audit policy that logs
#   every request. A shop shaped like samples/ is created with kubectl (nodes, Services, Deployments, ConfigMaps, pods
#   whose status is patched through the API as no kubelet runs); then:
#   1. `v6ready cluster` live (--kubeconfig, --context, -A and -n) with a ServiceAccount token that RBAC limits to
#      get/list must report exactly the findings planted below, with the verdict `partial`;
#   2. the API server's audit log must show that every request made with v6ready's tokens was a get or list (or
#      discovery), that none touched Secrets, and that nothing was created, changed or deleted;
#   3. `--snapshot` of the README's `kubectl get … -o json` must give the same findings as live;
#   4. real failures: a token whose RBAC forbids some resources (warnings, the rest still checked), a token without
#      any rights, a context that does not exist, the API server frozen mid-run (timeout) and killed mid-run: a clear
#      message and exit code 2, never a crash.
# Everything runs inside a private network namespace that has nothing but `lo` (unshare --net), so no address
# outside loopback can be contacted; without unshare the processes still bind 127.0.0.1 only.
# Takes about 1-2 minutes with .cache/k8s filled by .ci/install-kube.sh (the first build of Kubernetes: 10-20 min).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
say() { echo "e2e-cluster: $*"; }
fail() {
  echo "e2e-cluster: FAIL: $*" >&2
  local log
  for log in "${work:-/nonexistent}"/{etcd,apiserver,controller-manager}.log; do
    [ -s "$log" ] && { echo "--- last lines of $(basename "$log")" >&2; tail -5 "$log" >&2; }
  done
  exit 1
}

if [ "${1:-}" != "--inner" ]; then
  t0=$(date +%s)
  kbin=$(bash .ci/install-kube.sh | tail -1)
  say "building v6ready"
  dotnet build src/V6Ready.Cli/V6Ready.Cli.csproj -v q -nologo >/dev/null
  dll=$(dotnet msbuild src/V6Ready.Cli/V6Ready.Cli.csproj -getProperty:TargetPath -nologo 2>/dev/null | tail -1)
  [ -f "$dll" ] || fail "cannot find the built v6ready ($dll)"
  export V6_E2E_KBIN=$kbin V6_E2E_DLL=$dll V6_E2E_T0=$t0
  if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null && command -v ip >/dev/null && unshare --net true 2>/dev/null; then
    say "entering a network namespace with loopback only (unshare --net)"
    exec unshare --net bash "$0" --inner netns
  fi
  say "note: no private network namespace (needs root, unshare and ip); every process still binds 127.0.0.1 only"
  exec bash "$0" --inner
fi

if [ "${2:-}" = netns ]; then
  ip link set lo up
  if ip -o addr show | grep -v ' lo ' | grep -q inet; then fail "the network namespace has interfaces other than lo"; fi
fi
kbin=$V6_E2E_KBIN
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
v6ready() { dotnet "$V6_E2E_DLL" "$@"; }
for tool in etcd kubectl curl openssl python3; do command -v "$tool" >/dev/null || fail "$tool is missing (run .ci/install-kube.sh)"; done
kver=$(cut -d' ' -f1 "$kbin/VERSION")
# What the server reports as its version (v0.0.0-master+… when the build could not stamp it).
served_version=$("$kbin/kube-apiserver" --version 2>/dev/null | awk '{print $2}')

work=$(mktemp -d "${TMPDIR:-/tmp}/v6ready-e2e-cluster.XXXXXX")
chmod 700 "$work"
pids=()
cleanup() {
  local p
  for p in "${pids[@]}"; do kill -CONT "$p" 2>/dev/null || true; kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  if [ -n "${V6_E2E_KEEP:-}" ]; then echo "e2e-cluster: kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
# kubectl's discovery cache stays in the work folder, not in ~/.kube.
export KUBECACHEDIR=$work/kube-cache
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
etcd_port=$(port); peer_port=$(port); api_port=$(port)
while [ "$peer_port" = "$etcd_port" ]; do peer_port=$(port); done
while [ "$api_port" = "$etcd_port" ] || [ "$api_port" = "$peer_port" ]; do api_port=$(port); done
api=https://127.0.0.1:$api_port

# ---- PKI, tokens, audit policy ---------------------------------------------------------------------------------------
pki=$work/pki; mkdir -p "$pki"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$pki/ca.key" -out "$pki/ca.crt" -days 2 -subj /CN=v6ready-e2e-ca 2>/dev/null
openssl req -newkey rsa:2048 -nodes -keyout "$pki/apiserver.key" -out "$pki/apiserver.csr" -subj /CN=kube-apiserver 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost\nextendedKeyUsage=serverAuth\nkeyUsage=digitalSignature,keyEncipherment\n' > "$pki/ext"
openssl x509 -req -in "$pki/apiserver.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" -CAcreateserial -days 2 \
  -extfile "$pki/ext" -out "$pki/apiserver.crt" 2>/dev/null
openssl genrsa -out "$pki/sa.key" 2048 2>/dev/null
openssl rsa -in "$pki/sa.key" -pubout -out "$pki/sa.pub" 2>/dev/null
admin_token=$(openssl rand -hex 24); kcm_token=$(openssl rand -hex 24)
printf '%s,e2e-admin,uid-e2e-admin,"system:masters"\n%s,e2e-controller-manager,uid-e2e-kcm,"system:masters"\n' \
  "$admin_token" "$kcm_token" > "$pki/tokens.csv"
cat > "$work/audit-policy.yaml" <<'EOF'
apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: ["RequestReceived"]
rules:
  - level: Metadata
EOF
audit=$work/audit.log

kubeconfig() { # file user token context...
  local file=$1 user=$2 token=$3
  cat > "$file" <<EOF
apiVersion: v1
kind: Config
clusters:
  - name: e2e
    cluster: {server: "$api", certificate-authority: "$pki/ca.crt"}
users:
  - name: $user
    user: {token: "$token"}
contexts:
  - name: $user
    context: {cluster: e2e, user: $user}
current-context: $user
EOF
  chmod 600 "$file"
}
kubeconfig "$work/admin.kubeconfig" e2e-admin "$admin_token"
kubeconfig "$work/kcm.kubeconfig" e2e-controller-manager "$kcm_token"
export KUBECONFIG=$work/admin.kubeconfig
k() { kubectl --request-timeout=30s "$@"; }
# The API as the admin (status subresources: `kubectl patch --subresource` is not in every kubectl).
api_call() { # METHOD PATH [JSON]
  curl -sS --http1.1 --fail-with-body --max-time 30 --cacert "$pki/ca.crt" -H "Authorization: Bearer $admin_token" \
    -H 'Content-Type: application/merge-patch+json' -X "$1" "$api$2" ${3:+--data "$3"}
}
wait_for() { # SECONDS DESCRIPTION COMMAND...
  local limit=$1 what=$2 i; shift 2
  for ((i = 0; i < limit * 2; i++)); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  fail "timed out after ${limit}s waiting for $what"
}

# ---- control plane ---------------------------------------------------------------------------------------------------
say "starting etcd $(etcd --version 2>/dev/null | head -1 | awk '{print $3}') on 127.0.0.1:$etcd_port"
etcd --name e2e --data-dir "$work/etcd" \
  --listen-client-urls "http://127.0.0.1:$etcd_port" --advertise-client-urls "http://127.0.0.1:$etcd_port" \
  --listen-peer-urls "http://127.0.0.1:$peer_port" --initial-advertise-peer-urls "http://127.0.0.1:$peer_port" \
  --initial-cluster "e2e=http://127.0.0.1:$peer_port" >"$work/etcd.log" 2>&1 &
pids+=($!)
wait_for 60 "etcd" curl -sf "http://127.0.0.1:$etcd_port/health"

say "starting kube-apiserver $kver on $api (token auth, RBAC, dual-stack Service CIDRs, audit log)"
"$kbin/kube-apiserver" \
  --etcd-servers "http://127.0.0.1:$etcd_port" \
  --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "$api_port" --insecure-port 0 \
  --tls-cert-file "$pki/apiserver.crt" --tls-private-key-file "$pki/apiserver.key" --client-ca-file "$pki/ca.crt" \
  --token-auth-file "$pki/tokens.csv" --anonymous-auth=false --authorization-mode RBAC \
  --service-account-key-file "$pki/sa.pub" --service-account-signing-key-file "$pki/sa.key" \
  --service-account-issuer https://kubernetes.default.svc.cluster.local \
  --service-cluster-ip-range 10.96.0.0/16,fd00:10:96::/112 --feature-gates IPv6DualStack=true \
  --audit-policy-file "$work/audit-policy.yaml" --audit-log-path "$audit" --audit-log-format json \
  --enable-priority-and-fairness=false >"$work/apiserver.log" 2>&1 &
api_pid=$!
pids+=($api_pid)
apiserver_ready() { [ "$(api_call GET /readyz 2>/dev/null)" = ok ]; }
wait_for 180 "kube-apiserver to be ready" apiserver_ready

say "starting kube-controller-manager (EndpointSlices, ServiceAccount tokens, Deployments)"
"$kbin/kube-controller-manager" --kubeconfig "$work/kcm.kubeconfig" \
  --secure-port 0 --port 0 --leader-elect=false \
  --controllers '*,-nodelifecycle,-nodeipam,-cloud-node-lifecycle,-service,-route,-attachdetach,-persistentvolume-binder,-persistentvolume-expander,-pvc-protection,-pv-protection,-ttl,-bootstrapsigner,-tokencleaner,-csrsigning,-csrapproving,-csrcleaner' \
  --service-account-private-key-file "$pki/sa.key" --root-ca-file "$pki/ca.crt" \
  --service-cluster-ip-range 10.96.0.0/16,fd00:10:96::/112 --feature-gates IPv6DualStack=true \
  >"$work/controller-manager.log" 2>&1 &
pids+=($!)
kill -0 "${pids[-1]}" 2>/dev/null || fail "kube-controller-manager did not start: $(tail -5 "$work/controller-manager.log")"
say "server: $(k version -o json 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["serverVersion"]["gitVersion"])')"

# ---- the shop --------------------------------------------------------------------------------------------------------
# Planted problems (and what v6ready must report):
#   Node worker-2: one (IPv4) podCIDR                                   -> V6401 Node/worker-2
#   Pod shop/cart-0 on worker-2: IPv4 podIP only                        -> V6402 Pod/shop/cart-0
#   Service shop/cart PreferDualStack, its only ready endpoint is IPv4  -> V6403 Service/shop/cart
#   Service kube-system/kube-dns without ipFamilyPolicy (IPv4 only)     -> V6404 Service/kube-system/kube-dns
#   Service shop/catalog without ipFamilyPolicy (SingleStack)           -> V6406 Service/shop/catalog
#   Service legacy/legacy-api without ipFamilyPolicy                    -> V6406 Service/legacy/legacy-api (-A only)
#   Deployment shop/cart env POD_IP from status.podIP                   -> V6103 Deployment/shop/cart
#   Deployment legacy/worker env MY_IP from status.podIP                -> V6103 Deployment/legacy/worker (-A only)
# Healthy look-alikes: worker-1 (both podCIDRs), frontend (PreferDualStack, a dual-stack ready pod), Deployment
# shop/frontend (status.podIPs), kube-proxy clusterCIDR and kubeadm podSubnet/serviceSubnet with both families, the
# ExternalName Service shop/payments, and a RequireDualStack Service without endpoints (orders).
say "creating the shop"
cat > "$work/shop.yaml" <<'EOF'
apiVersion: v1
kind: Node
metadata: {name: worker-1, labels: {kubernetes.io/hostname: worker-1}}
spec: {podCIDR: 10.244.1.0/24, podCIDRs: [10.244.1.0/24, "fd00:10:244:1::/64"]}
---
apiVersion: v1
kind: Node
metadata: {name: worker-2, labels: {kubernetes.io/hostname: worker-2}}
spec: {podCIDR: 10.244.2.0/24, podCIDRs: [10.244.2.0/24]}
---
apiVersion: v1
kind: Service
metadata: {name: frontend, namespace: shop}
spec:
  ipFamilyPolicy: PreferDualStack
  selector: {app: frontend}
  ports: [{name: http, port: 80, targetPort: 8080}]
---
apiVersion: v1
kind: Service
metadata: {name: cart, namespace: shop}
spec:
  ipFamilyPolicy: PreferDualStack
  selector: {app: cart}
  ports: [{name: grpc, port: 7070}]
---
apiVersion: v1
kind: Service
metadata: {name: orders, namespace: shop}
spec:
  ipFamilyPolicy: RequireDualStack
  selector: {app: orders}
  ports: [{name: http, port: 80}]
---
apiVersion: v1
kind: Service
metadata: {name: catalog, namespace: shop}
spec:
  selector: {app: catalog}
  ports: [{name: http, port: 80}]
---
apiVersion: v1
kind: Service
metadata: {name: payments, namespace: shop}
spec: {type: ExternalName, externalName: payments.example.org}
---
apiVersion: v1
kind: Service
metadata: {name: legacy-api, namespace: legacy}
spec:
  selector: {app: legacy-api}
  ports: [{name: http, port: 80}]
---
apiVersion: v1
kind: Service
metadata: {name: kube-dns, namespace: kube-system, labels: {k8s-app: kube-dns}}
spec:
  selector: {k8s-app: kube-dns}
  ports: [{name: dns, port: 53, protocol: UDP}, {name: dns-tcp, port: 53, protocol: TCP}]
---
apiVersion: v1
kind: ConfigMap
metadata: {name: kube-proxy, namespace: kube-system}
data:
  config.conf: |
    apiVersion: kubeproxy.config.k8s.io/v1alpha1
    kind: KubeProxyConfiguration
    clusterCIDR: 10.244.0.0/16,fd00:10:244::/56
    mode: iptables
---
apiVersion: v1
kind: ConfigMap
metadata: {name: kubeadm-config, namespace: kube-system}
data:
  ClusterConfiguration: |
    apiVersion: kubeadm.k8s.io/v1beta2
    kind: ClusterConfiguration
    kubernetesVersion: v1.20.2
    networking:
      podSubnet: 10.244.0.0/16,fd00:10:244::/56
      serviceSubnet: 10.96.0.0/16,fd00:10:96::/112
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: cart, namespace: shop}
spec:
  replicas: 1
  selector: {matchLabels: {app: cart, tier: deploy}}
  template:
    metadata: {labels: {app: cart, tier: deploy}}
    spec:
      automountServiceAccountToken: false
      containers:
        - name: cart
          image: registry.example.org/shop/cart:1.4
          ports: [{containerPort: 7070}]
          env:
            - {name: REDIS_ADDR, value: "redis-cart:6379"}
            - name: POD_IP
              valueFrom: {fieldRef: {fieldPath: status.podIP}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: frontend, namespace: shop}
spec:
  replicas: 1
  selector: {matchLabels: {app: frontend, tier: deploy}}
  template:
    metadata: {labels: {app: frontend, tier: deploy}}
    spec:
      automountServiceAccountToken: false
      containers:
        - name: server
          image: registry.example.org/shop/frontend:2.0
          env:
            - name: POD_IPS
              valueFrom: {fieldRef: {fieldPath: status.podIPs}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: worker, namespace: legacy}
spec:
  replicas: 1
  selector: {matchLabels: {app: worker}}
  template:
    metadata: {labels: {app: worker}}
    spec:
      automountServiceAccountToken: false
      containers:
        - name: main
          image: registry.example.org/legacy/worker:7
          env:
            - name: MY_IP
              valueFrom: {fieldRef: {fieldPath: status.podIP}}
---
apiVersion: v1
kind: Pod
metadata: {name: frontend-0, namespace: shop, labels: {app: frontend}}
spec:
  nodeName: worker-1
  automountServiceAccountToken: false
  containers: [{name: server, image: registry.example.org/shop/frontend:2.0, ports: [{containerPort: 8080}]}]
---
apiVersion: v1
kind: Pod
metadata: {name: cart-0, namespace: shop, labels: {app: cart}}
spec:
  nodeName: worker-2
  automountServiceAccountToken: false
  containers: [{name: cart, image: registry.example.org/shop/cart:1.4, ports: [{containerPort: 7070}]}]
EOF
k create namespace shop >/dev/null
k create namespace legacy >/dev/null
# Pods are admitted once their namespace's default ServiceAccount exists (the controller manager creates it).
wait_for 60 "the default ServiceAccount of shop" k get serviceaccount default -n shop
wait_for 60 "the default ServiceAccount of legacy" k get serviceaccount default -n legacy
k create -f "$work/shop.yaml" >/dev/null
# What a kubelet and a CNI would report (no kubelet runs here).
now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
node_status() { # NAME IPv4 IPv6
  api_call PATCH "/api/v1/nodes/$1/status" "{\"status\":{\"addresses\":[{\"type\":\"InternalIP\",\"address\":\"$2\"},{\"type\":\"InternalIP\",\"address\":\"$3\"},{\"type\":\"Hostname\",\"address\":\"$1\"}],\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\",\"reason\":\"KubeletReady\",\"lastHeartbeatTime\":\"$now\",\"lastTransitionTime\":\"$now\"}]}}" >/dev/null
}
node_status worker-1 192.168.10.11 fd00:192:168:10::11
node_status worker-2 192.168.10.12 fd00:192:168:10::12
pod_status() { # NAMESPACE NAME HOSTIP IP...
  local ns=$1 name=$2 host=$3 ips="" ip; shift 3
  for ip in "$@"; do ips+="${ips:+,}{\"ip\":\"$ip\"}"; done
  api_call PATCH "/api/v1/namespaces/$ns/pods/$name/status" "{\"status\":{\"phase\":\"Running\",\"hostIP\":\"$host\",\"podIP\":\"$1\",\"podIPs\":[$ips],\"startTime\":\"$now\",\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\",\"lastTransitionTime\":\"$now\"},{\"type\":\"ContainersReady\",\"status\":\"True\",\"lastTransitionTime\":\"$now\"}]}}" >/dev/null
}
pod_status shop frontend-0 192.168.10.11 10.244.1.10 fd00:10:244:1::10
pod_status shop cart-0 192.168.10.12 10.244.2.20
# The EndpointSlice controller must have caught up: frontend has a ready endpoint per family, cart an IPv4 one.
slices_ready() {
  k get endpointslices.discovery.k8s.io -n shop -o json | python3 -c '
import json, sys
ready = {}
for s in json.load(sys.stdin)["items"]:
    svc = s["metadata"].get("labels", {}).get("kubernetes.io/service-name")
    n = sum(1 for e in s.get("endpoints") or [] if (e.get("conditions") or {}).get("ready", True) and e.get("addresses"))
    ready[(svc, s["addressType"])] = ready.get((svc, s["addressType"]), 0) + n
sys.exit(0 if ready.get(("frontend", "IPv4")) and ready.get(("frontend", "IPv6")) and ready.get(("cart", "IPv4")) else 1)'
}
wait_for 120 "the EndpointSlices of frontend and cart" slices_ready
k get services -A -o custom-columns='SERVICE:.metadata.name,NS:.metadata.namespace,POLICY:.spec.ipFamilyPolicy,CLUSTER-IPS:.spec.clusterIPs' | sed 's/^/  /'

# ---- v6ready's users: a reader (get/list only), a reader without ConfigMaps/EndpointSlices, a user without rights ----
cat > "$work/rbac.yaml" <<'EOF'
apiVersion: v1
kind: Namespace
metadata: {name: v6ready-e2e}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: reader, namespace: v6ready-e2e}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: limited, namespace: v6ready-e2e}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: nobody, namespace: v6ready-e2e}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: v6ready-reader}
rules:
  - {apiGroups: [""], resources: [nodes, pods, services, configmaps], verbs: [get, list]}
  - {apiGroups: [discovery.k8s.io], resources: [endpointslices], verbs: [get, list]}
  - {apiGroups: [apps], resources: [deployments, statefulsets, daemonsets], verbs: [get, list]}
  - {apiGroups: [batch], resources: [jobs, cronjobs], verbs: [get, list]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: v6ready-limited}
rules:
  - {apiGroups: [""], resources: [nodes, pods, services], verbs: [get, list]}
  - {apiGroups: [apps], resources: [deployments, statefulsets, daemonsets], verbs: [get, list]}
  - {apiGroups: [batch], resources: [jobs, cronjobs], verbs: [get, list]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: v6ready-reader}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: v6ready-reader}
subjects: [{kind: ServiceAccount, name: reader, namespace: v6ready-e2e}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: v6ready-limited}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: v6ready-limited}
subjects: [{kind: ServiceAccount, name: limited, namespace: v6ready-e2e}]
EOF
k create -f "$work/rbac.yaml" >/dev/null
sa_token() { # the token the ServiceAccount token controller put in the ServiceAccount's Secret
  local secret
  secret=$(k get serviceaccount "$1" -n v6ready-e2e -o jsonpath='{.secrets[0].name}')
  [ -n "$secret" ] || return 1
  k get secret "$secret" -n v6ready-e2e -o jsonpath='{.data.token}' | base64 -d
}
for sa in reader limited nobody; do wait_for 60 "the token of ServiceAccount $sa" sa_token "$sa"; done
user_kc=$work/user.kubeconfig
cat > "$user_kc" <<EOF
apiVersion: v1
kind: Config
clusters:
  - name: e2e
    cluster: {server: "$api", certificate-authority: "$pki/ca.crt"}
users:
  - {name: reader, user: {token: "$(sa_token reader)"}}
  - {name: limited, user: {token: "$(sa_token limited)"}}
  - {name: nobody, user: {token: "$(sa_token nobody)"}}
contexts:
  - {name: e2e-reader, context: {cluster: e2e, user: reader}}
  - {name: e2e-limited, context: {cluster: e2e, user: limited}}
  - {name: e2e-nobody, context: {cluster: e2e, user: nobody}}
current-context: e2e-nobody
EOF
chmod 600 "$user_kc"
# What the reader may do, as the API server's authorizer answers it.
[ "$(kubectl --kubeconfig "$user_kc" --context e2e-reader auth can-i list pods -A)" = yes ] || fail "the reader cannot list pods"
[ "$(kubectl --kubeconfig "$user_kc" --context e2e-reader auth can-i list secrets -A 2>/dev/null || true)" = no ] || fail "the reader can list secrets"
[ "$(kubectl --kubeconfig "$user_kc" --context e2e-reader auth can-i watch pods -A 2>/dev/null || true)" = no ] || fail "the reader can watch pods"
# `auth can-i` creates SelfSubjectAccessReviews: start the audit reading after them.
sleep 1
audit_mark=$(wc -l < "$audit")

# ---- 1. live ---------------------------------------------------------------------------------------------------------
expected_all="V6103 Deployment/legacy/worker
V6103 Deployment/shop/cart
V6401 Node/worker-2
V6402 Pod/shop/cart-0
V6403 Service/shop/cart
V6404 Service/kube-system/kube-dns
V6406 Service/legacy/legacy-api
V6406 Service/shop/catalog"
expected_shop=$(grep -v legacy <<<"$expected_all")
findings() { python3 -c 'import json,sys; [print(f["ruleId"], f["path"]) for f in json.load(open(sys.argv[1]))["findings"]]' "$1" | sort; }
run() { # EXPECTED-EXIT NAME ARGS... (stdout -> $work/NAME.out, stderr -> $work/NAME.err)
  local want=$1 name=$2 code; shift 2
  set +e
  v6ready "$@" >"$work/$name.out" 2>"$work/$name.err"
  code=$?
  set -e
  if [ "$code" -ne "$want" ]; then
    sed 's/^/  stderr: /' "$work/$name.err" >&2
    fail "$name: v6ready $* exited $code, expected $want"
  fi
}
compare() { # NAME EXPECTED ACTUAL
  if [ "$2" != "$3" ]; then
    diff <(echo "$2") <(echo "$3") | sed 's/^/  /' >&2 || true
    fail "$1: findings differ from what was built (< expected, > reported)"
  fi
}

say "v6ready cluster --kubeconfig … --context e2e-reader -A -f json"
t=$(date +%s%N)
run 1 live-all cluster --kubeconfig "$user_kc" --context e2e-reader -A -f json
live_ms=$(( ($(date +%s%N) - t) / 1000000 ))
compare "live -A" "$expected_all" "$(findings "$work/live-all.out")"
stack=$(python3 -c 'import json,sys; c=json.load(open(sys.argv[1]))["cluster"]; print(c["stack"], c["serverVersion"], c["context"])' "$work/live-all.out")
[ "$stack" = "partial $served_version e2e-reader" ] || fail "live -A: cluster stack/server/context is '$stack', expected 'partial $served_version e2e-reader'"
[ ! -s "$work/live-all.err" ] || { cat "$work/live-all.err" >&2; fail "live -A printed warnings"; }
say "  $(wc -l <<<"$expected_all") findings as built, verdict partial, server $kver, ${live_ms} ms"

say "v6ready cluster -n shop (text, the context's findings only)"
run 1 live-shop cluster --kubeconfig "$user_kc" --context e2e-reader -n shop -f json
compare "live -n shop" "$expected_shop" "$(findings "$work/live-shop.out")"
run 1 live-text cluster --kubeconfig "$user_kc" --context e2e-reader -n shop --no-color
grep -q '^Cluster: partial' "$work/live-text.out" || fail "text report: no 'Cluster: partial' headline"
grep -q "server $served_version" "$work/live-text.out" || fail "text report: the server version is not named"
grep -q "container 'cart', env POD_IP" "$work/live-text.out" || fail "text report: V6103 does not name the container and env var"
grep -q '= why:' "$work/live-text.out" || fail "text report: no why lines"
for f in sarif github html; do run 1 "live-$f" cluster --kubeconfig "$user_kc" --context e2e-reader -n shop -f "$f" -o "$work/live.$f"; done
[ -s "$work/live.html" ] && [ -s "$work/live.sarif" ] || fail "-f html/sarif -o wrote nothing"

# ---- 2. the audit log ------------------------------------------------------------------------------------------------
say "reading the API server's audit log"
sleep 1
tail -n +"$((audit_mark + 1))" "$audit" > "$work/audit-v6ready.log"
python3 - "$work/audit-v6ready.log" > "$work/audit-summary.txt" <<'PY' || { cat "$work/audit-summary.txt" >&2; fail "the audit log shows a request v6ready must not make"; }
import collections, json, sys
users = {"system:serviceaccount:v6ready-e2e:reader"}
requests, bad, by = 0, [], collections.Counter()
resources, seen = set(), set()
for line in open(sys.argv[1], encoding="utf-8"):
    e = json.loads(line)
    # one entry per request whatever stages were logged (a watch would show up at ResponseStarted already)
    if e.get("user", {}).get("username") not in users or e.get("auditID") in seen:
        continue
    seen.add(e.get("auditID"))
    requests += 1
    verb, ref = e.get("verb"), e.get("objectRef") or {}
    res = ref.get("resource")
    by[(verb, (ref.get("apiGroup") or "") + ("/" if ref.get("apiGroup") else "") + (res or "(discovery) " + e["requestURI"].split("?")[0]))] += 1
    if res: resources.add(res)
    if verb not in ("get", "list"): bad.append(f"verb {verb}: {e['requestURI']}")
    if res == "secrets": bad.append(f"secrets: {e['requestURI']}")
    if res == "configmaps" and ref.get("namespace") != "kube-system": bad.append(f"configmaps outside kube-system: {e['requestURI']}")
    if ref.get("subresource"): bad.append(f"subresource {ref['subresource']}: {e['requestURI']}")
    if not res and not (e["requestURI"].startswith(("/api", "/apis", "/version", "/openapi"))): bad.append(f"non-resource {e['requestURI']}")
for (verb, what), n in sorted(by.items()):
    print(f"  {n:3d} {verb:4s} {what}")
print(f"  {requests} requests by the reader's token; resources: {', '.join(sorted(resources))}")
for b in bad: print("  NOT READ-ONLY: " + b)
need = {"nodes", "pods", "services", "endpointslices", "deployments", "statefulsets", "daemonsets", "jobs", "cronjobs", "configmaps"}
if not need <= resources: print("  missing in the audit log: " + ", ".join(sorted(need - resources))); sys.exit(1)
sys.exit(1 if bad or requests == 0 else 0)
PY
cat "$work/audit-summary.txt"
audit_requests=$(tail -1 "$work/audit-summary.txt" | awk '{print $1}')
v6ready_runs=6

# ---- 3. snapshot = live ----------------------------------------------------------------------------------------------
say "the README's kubectl get … -o json snapshot gives the same findings as live"
k get nodes,pods,services,endpointslices,deployments,statefulsets,daemonsets,jobs,cronjobs,configmaps -A -o json > "$work/cluster.snapshot.json"
run 1 snapshot cluster --snapshot "$work/cluster.snapshot.json" -f json
compare "snapshot" "$expected_all" "$(findings "$work/snapshot.out")"
msgs() { python3 -c 'import json,sys; [print(f["ruleId"], f["path"], f["message"]) for f in json.load(open(sys.argv[1]))["findings"]]' "$1" | sort; }
compare "snapshot messages" "$(msgs "$work/live-all.out")" "$(msgs "$work/snapshot.out")"
[ "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["cluster"]["stack"])' "$work/snapshot.out")" = partial ] || fail "snapshot: verdict is not partial"

# ---- 4. failures -----------------------------------------------------------------------------------------------------
say "RBAC: a token without ConfigMaps and EndpointSlices (Forbidden from the server: warnings, the rest checked)"
run 1 limited cluster --kubeconfig "$user_kc" --context e2e-limited -A -f json
grep -q 'kubectl get configmaps -o json -n kube-system: forbidden for this user' "$work/limited.err" || { cat "$work/limited.err" >&2; fail "limited: no Forbidden warning for configmaps"; }
grep -q 'kubectl get endpointslices.discovery.k8s.io -o json --all-namespaces: forbidden' "$work/limited.err" || fail "limited: no Forbidden warning for endpointslices"
compare "limited" "$(grep -v V6403 <<<"$expected_all")" "$(findings "$work/limited.out")"
say "  $(grep -c forbidden "$work/limited.err") forbidden warnings; V6403 (needs EndpointSlices) skipped, the rest reported"

say "a token without any rights"
run 2 nobody cluster --kubeconfig "$user_kc" --context e2e-nobody
grep -q "no resource could be read from context 'e2e-nobody'" "$work/nobody.err" || { cat "$work/nobody.err" >&2; fail "nobody: unclear message"; }
grep -qi 'forbidden' "$work/nobody.err" || fail "nobody: the message does not say forbidden"

say "a context that does not exist"
run 2 nocontext cluster --kubeconfig "$user_kc" --context does-not-exist
grep -q "does-not-exist" "$work/nocontext.err" || { cat "$work/nocontext.err" >&2; fail "no context: the message does not name the context"; }
run 2 nokubeconfig cluster --kubeconfig "$work/missing.kubeconfig" --context e2e-reader

# A kubectl that freezes (SIGSTOP) or kills the API server after a number of calls: a failure in the middle of a run.
cat > "$work/kubectl-then" <<EOF
#!/bin/sh
n=\$(cat "$work/calls" 2>/dev/null || echo 0); n=\$((n + 1)); echo "\$n" > "$work/calls"
if [ "\$n" -eq 4 ]; then kill -"\$(cat "$work/signal")" $api_pid; sleep 1; fi
exec kubectl "\$@"
EOF
chmod +x "$work/kubectl-then"
say "API server frozen mid-run (SIGSTOP before the 4th kubectl call; --timeout 5)"
echo 0 > "$work/calls"; echo STOP > "$work/signal"
t=$(date +%s)
run 2 frozen cluster --kubeconfig "$user_kc" --context e2e-reader --kubectl "$work/kubectl-then" --timeout 5
kill -CONT "$api_pid"
frozen_s=$(( $(date +%s) - t ))
grep -qE 'timed out after 5s|cannot reach the API server' "$work/frozen.err" || { cat "$work/frozen.err" >&2; fail "frozen: unclear message"; }
[ "$frozen_s" -lt 60 ] || fail "frozen: took ${frozen_s}s with --timeout 5"
say "  $(head -1 "$work/frozen.err") (${frozen_s}s)"
wait_for 60 "the API server to answer again" apiserver_ready

# Sockets: every TCP/UDP socket in this network namespace is on loopback (measured, although nothing else exists here).
if [ "${2:-}" = netns ] && command -v ss >/dev/null; then
  other=$(ss -Htuan | awk '{print $5" "$6}' | tr ' ' '\n' | grep -vE '^(127\.0\.0\.1|\[::1\]|::1|\[::ffff:127\.0\.0\.1\]|\*|0\.0\.0\.0|\[::\]|::):?' | grep -vE '^\*?$' || true)
  [ -z "$other" ] || fail "sockets outside loopback: $other"
fi

say "API server killed mid-run (SIGTERM before the 4th kubectl call)"
echo 0 > "$work/calls"; echo TERM > "$work/signal"
run 2 killed cluster --kubeconfig "$user_kc" --context e2e-reader --kubectl "$work/kubectl-then" --timeout 10
grep -q "cannot reach the API server of context 'e2e-reader'" "$work/killed.err" || { cat "$work/killed.err" >&2; fail "killed: unclear message"; }
say "  $(head -1 "$work/killed.err" | cut -c1-200)"
grep -rqiE 'panic|Unhandled exception|internal error' "$work"/*.err && fail "a run crashed: $(grep -liE 'panic|Unhandled exception|internal error' "$work"/*.err)"

say "PASS: Kubernetes $kver, ${audit_requests} audited requests from v6ready's token in ${v6ready_runs} runs were all get/list/discovery (no Secrets, no writes); $(( $(date +%s) - V6_E2E_T0 ))s in total"
