using System;
using System.Collections.Generic;
using System.Linq;

namespace V6Ready.Rules
{
    /// <summary>
    /// The one source of truth for rule ids, titles, messages, severities, categories, help links and fix safety.
    /// Analyzers, the CLI, reporters and the docs test all read it from here.
    /// </summary>
    public static class RuleCatalog
    {
        /// <summary>Base of every rule's help link; the page is <c>rules/ID.md</c> in the repository, whose URL is
        /// <c>RepositoryUrl</c> in Directory.Build.props (written into <c>RepositoryInfo</c> at build time).</summary>
        public const string HelpLinkBase = RepositoryInfo.Url + "/blob/main/rules/";

        public static class Categories
        {
            public const string Binding = "Binding";
            public const string Addressing = "Addressing";
            public const string Parsing = "Parsing";
            public const string Resolution = "Resolution";
            public const string Kubernetes = "Kubernetes";
            public const string Container = "Container";
            public const string ClusterConfig = "ClusterConfig";
            public const string ServerConfig = "ServerConfig";
            public const string Dependencies = "Dependencies";
            public const string LiveCluster = "LiveCluster";
        }

        // Java has no V6001 (the JVM's 0.0.0.0 is dual-stack) and no V6004; "spring" is Spring's application*.properties/yml.
        private static readonly string[] Code = { "csharp", "javascript", "typescript", "go", "python", "java" };
        private static readonly string[] CodeNoJava = { "csharp", "javascript", "typescript", "go", "python" };
        private static readonly string[] CodeAndConfig = { "csharp", "javascript", "typescript", "go", "python", "java", "spring", "kubernetes", "helm", "compose", "dockerfile", "json" };
        private static readonly string[] CodeAndConfigNoJava = { "csharp", "javascript", "typescript", "go", "python", "kubernetes", "helm", "compose", "dockerfile", "json" };
        private static readonly string[] Manifests = { "kubernetes", "helm" };

        public static readonly RuleDescriptor V6001 = new RuleDescriptor(
            "V6001",
            "Server binds the IPv4 wildcard only",
            "{0} binds the IPv4 wildcard 0.0.0.0 only; IPv6 clients cannot connect",
            "In this runtime a listener bound to 0.0.0.0 (IPAddress.Any) accepts IPv4 connections only. Bind the IPv6 wildcard with dual-mode (or the runtime's any-address form) to accept both families.",
            Categories.Binding, RuleSeverity.Warning, RuleSeverity.Error, FixSafety.Safe, CodeAndConfigNoJava);

        public static readonly RuleDescriptor V6002 = new RuleDescriptor(
            "V6002",
            "Server binds IPv4 loopback only",
            "{0} listens on 127.0.0.1 only; local clients connecting over ::1 are refused",
            "A listener on 127.0.0.1 does not accept connections to ::1, which is what 'localhost' resolves to first on many IPv6-enabled hosts. Listen on 'localhost' with both loopbacks, or on ::1 as well.",
            Categories.Binding, RuleSeverity.Warning, RuleSeverity.Error, FixSafety.Safe, CodeAndConfig);

        public static readonly RuleDescriptor V6003 = new RuleDescriptor(
            "V6003",
            "Hard-coded IPv4 address as a connection target",
            "{0} is a hard-coded IPv4 address; it cannot be reached from an IPv6-only network",
            "A literal IPv4 address used as an endpoint, URL or dial target cannot be reached from an IPv6-only pod and bypasses DNS, so dual-stack names never get used. Use a DNS name or configuration.",
            Categories.Addressing, RuleSeverity.Warning, RuleSeverity.Error, FixSafety.None, CodeAndConfig);

        public static readonly RuleDescriptor V6004 = new RuleDescriptor(
            "V6004",
            "Dials a public IPv4 address to learn the local address",
            "{0} dials a public IPv4 address to find the local address; this fails without an IPv4 route",
            "Connecting a UDP socket to 8.8.8.8 (or similar) to read the local endpoint fails on an IPv6-only host and only ever returns the IPv4 address. Enumerate interfaces, use the Downward API (status.podIPs) or configuration instead.",
            Categories.Addressing, RuleSeverity.Warning, RuleSeverity.Error, FixSafety.None, CodeNoJava);

        public static readonly RuleDescriptor V6005 = new RuleDescriptor(
            "V6005",
            "Host and port joined without brackets",
            "{0} joins host and port with ':' without brackets; an IPv6 host gives an ambiguous address",
            "An IPv6 literal contains colons, so 'host:port' must be written '[host]:port'. Use a bracket-aware join (net.JoinHostPort, a URL builder, IPEndPoint/DnsEndPoint formatting).",
            Categories.Parsing, RuleSeverity.Warning, RuleSeverity.Warning, FixSafety.Safe, Code);

        public static readonly RuleDescriptor V6006 = new RuleDescriptor(
            "V6006",
            "Splits host:port on ':'",
            "{0} splits an address on ':'; an IPv6 address contains colons and is split in the wrong place",
            "Splitting 'host:port' on the first or every ':' breaks on IPv6 addresses ('[::1]:80', 'fe80::1'). Use a bracket-aware parser (net.SplitHostPort, IPEndPoint.TryParse, URL parsing, or split on the last ':').",
            Categories.Parsing, RuleSeverity.Warning, RuleSeverity.Warning, FixSafety.Safe, Code);

        public static readonly RuleDescriptor V6007 = new RuleDescriptor(
            "V6007",
            "IPv4-only socket or network family",
            "{0} selects the IPv4 family only",
            "Creating sockets, listeners or dialers with an IPv4-only family (AddressFamily.InterNetwork, \"tcp4\", 'udp4', family: 4) cannot carry IPv6 traffic. Use the generic or IPv6 dual-mode family.",
            Categories.Binding, RuleSeverity.Warning, RuleSeverity.Error, FixSafety.Safe, Code);

        public static readonly RuleDescriptor V6008 = new RuleDescriptor(
            "V6008",
            "IPv4-only address parsing, validation or storage",
            "{0} assumes an IPv4 address",
            "Dotted-quad regexes, 4-byte address buffers, IPAddress.Address and To4() without a fallback reject or corrupt IPv6 addresses. Use the platform's address type and parser, which handle both families.",
            Categories.Parsing, RuleSeverity.Warning, RuleSeverity.Warning, FixSafety.Unsafe, Code);

        public static readonly RuleDescriptor V6009 = new RuleDescriptor(
            "V6009",
            "Name resolution limited to IPv4 or to the first address",
            "{0} keeps only IPv4 results or only the first address of a name",
            "Resolvers return every address of a name; filtering to IPv4 (resolve4, family: 4, InterNetwork) or taking [0] throws IPv6 away or picks an address that may not be reachable. Try each address or let the connect call resolve the name.",
            Categories.Resolution, RuleSeverity.Warning, RuleSeverity.Error, FixSafety.None, Code);

        public static readonly RuleDescriptor V6101 = new RuleDescriptor(
            "V6101",
            "Service is single-stack by default",
            "{0}; it gets a ClusterIP of one family only",
            "A Service without spec.ipFamilyPolicy is SingleStack and gets one ClusterIP from the cluster's first service CIDR. Set ipFamilyPolicy: PreferDualStack so it gets both families on a dual-stack cluster and still works on a single-stack one.",
            Categories.Kubernetes, RuleSeverity.Warning, RuleSeverity.Note, FixSafety.Safe, Manifests);

        public static readonly RuleDescriptor V6102 = new RuleDescriptor(
            "V6102",
            "Service pinned to IPv4",
            "{0} pins the Service to IPv4",
            "ipFamilies: [IPv4], an IPv4 clusterIP, externalIPs or loadBalancerIP pin a Service to IPv4; IPv6 clients cannot reach it. List both families (or none) and let the cluster allocate.",
            Categories.Kubernetes, RuleSeverity.Warning, RuleSeverity.Error, FixSafety.Unsafe, Manifests);

        public static readonly RuleDescriptor V6103 = new RuleDescriptor(
            "V6103",
            "Downward API reads one address where a list exists",
            "{0} gives one address only; use {1} for every family",
            "status.podIP and status.hostIP carry the primary family's address only; status.podIPs and status.hostIPs carry one address per family (comma-separated).",
            Categories.Kubernetes, RuleSeverity.Warning, RuleSeverity.Note, FixSafety.Unsafe, Manifests);

        public static readonly RuleDescriptor V6104 = new RuleDescriptor(
            "V6104",
            "Container command, args or env bind an IPv4 address",
            "{0} binds an IPv4 address only; IPv6 clients are refused",
            "A server told to listen on 0.0.0.0 or 127.0.0.1 through its command line or environment accepts IPv4 only in most runtimes (gunicorn, uvicorn, Flask, Node, Kestrel, mongod). Use '::' (or the program's dual-stack form).",
            Categories.Container, RuleSeverity.Warning, RuleSeverity.Error, FixSafety.Safe, new[] { "kubernetes", "helm", "compose", "dockerfile" });

        public static readonly RuleDescriptor V6105 = new RuleDescriptor(
            "V6105",
            "Probe or sidecar aimed at an IPv4 literal",
            "{0} targets the IPv4 address {1}",
            "A probe (httpGet/tcpSocket/grpc host) or sidecar configuration aimed at an IPv4 literal fails when the pod has an IPv6 address only. Leave the probe host empty (the pod IP) or use a name.",
            Categories.Kubernetes, RuleSeverity.Warning, RuleSeverity.Error, FixSafety.None, Manifests);

        public static readonly RuleDescriptor V6106 = new RuleDescriptor(
            "V6106",
            "Network rule covers IPv4 only",
            "{0} covers IPv4 only; IPv6 traffic from the same peers is not matched",
            "A NetworkPolicy whose ipBlock rules list IPv4 CIDRs only, or a Terraform security-group, firewall or network-ACL rule that opens 0.0.0.0/0 with no ::/0 counterpart, does not allow (or except) the same peers over IPv6. Add the matching IPv6 CIDRs.",
            Categories.Kubernetes, RuleSeverity.Warning, RuleSeverity.Warning, FixSafety.Unsafe, new[] { "kubernetes", "helm", "terraform" });

        public static readonly RuleDescriptor V6107 = new RuleDescriptor(
            "V6107",
            "Cluster configuration is single-stack",
            "{0} is configured for one address family only",
            "kubeadm subnets, kube-proxy clusterCIDR, kubelet node-ip, controller-manager and apiserver CIDR flags, Calico IPAM and Docker daemon settings need one entry per family for a dual-stack cluster.",
            Categories.ClusterConfig, RuleSeverity.Warning, RuleSeverity.Error, FixSafety.None, new[] { "kubernetes", "kubeadm", "calico", "json", "sysctl" });

        public static readonly RuleDescriptor V6108 = new RuleDescriptor(
            "V6108",
            "Compose or Docker networking is IPv4-only",
            "{0} is IPv4-only",
            "Publishing ports on 0.0.0.0 or defining networks without enable_ipv6 keeps a compose application IPv4-only.",
            Categories.Container, RuleSeverity.Warning, RuleSeverity.Error, FixSafety.Safe, new[] { "compose" });

        public static readonly RuleDescriptor V6201 = new RuleDescriptor(
            "V6201",
            "nginx listens on IPv4 only",
            "{0} has no IPv6 'listen [{2}]:{1}' in the same server",
            "In nginx 'listen 80;' binds IPv4 only and 'listen [::]:80;' binds IPv6 only (ipv6only=on by default); a dual-stack server needs both lines.",
            Categories.ServerConfig, RuleSeverity.Warning, RuleSeverity.Error, FixSafety.Safe, new[] { "nginx" });

        public static readonly RuleDescriptor V6202 = new RuleDescriptor(
            "V6202",
            "redis binds IPv4 only",
            "{0} binds IPv4 addresses only",
            "redis binds exactly the addresses listed in 'bind'; every IPv6 listener is IPV6_V6ONLY, so '0.0.0.0' or '127.0.0.1' alone never accepts IPv6. Add the IPv6 counterpart ('::' / '-::1').",
            Categories.ServerConfig, RuleSeverity.Warning, RuleSeverity.Error, FixSafety.Safe, new[] { "redis" });

        public static readonly RuleDescriptor V6203 = new RuleDescriptor(
            "V6203",
            "mongod binds IPv4 only",
            "{0} binds mongod to IPv4 only",
            "mongod's --bind_ip 0.0.0.0 / net.bindIp: 0.0.0.0 listens on IPv4 only, --bind_ip_all / net.bindIpAll adds '::' only with IPv6 enabled, and net.ipv6 alone binds no IPv6 interface. Use --bind_ip_all --ipv6 / net.bindIpAll: true with net.ipv6: true, or list '::,0.0.0.0' with ipv6 enabled.",
            Categories.ServerConfig, RuleSeverity.Warning, RuleSeverity.Error, FixSafety.Safe, new[] { "mongod", "kubernetes", "compose", "dockerfile" });

        public static readonly RuleDescriptor V6204 = new RuleDescriptor(
            "V6204",
            "Envoy listens on IPv4 only",
            "{0} listens on IPv4 only",
            "An Envoy listener or admin socket_address on 0.0.0.0 binds an IPv4 socket only. Listen on '::' with ipv4_compat: true to accept both families (or add an IPv6 additional_addresses entry).",
            Categories.ServerConfig, RuleSeverity.Warning, RuleSeverity.Error, FixSafety.Safe, new[] { "envoy" });

        public static readonly RuleDescriptor V6205 = new RuleDescriptor(
            "V6205",
            "HAProxy binds IPv4 only",
            "{0} has no IPv6 bind on the same port in its section",
            "In HAProxy 'bind *:P', 'bind :P' and 'bind 0.0.0.0:P' listen on every IPv4 address only. Use 'bind :::P v4v6' (one socket for both families) or add an IPv6 bind.",
            Categories.ServerConfig, RuleSeverity.Warning, RuleSeverity.Error, FixSafety.Safe, new[] { "haproxy" });

        public static readonly RuleDescriptor V6206 = new RuleDescriptor(
            "V6206",
            "PostgreSQL listens on IPv4 only",
            "{0} makes postgres listen on IPv4 only",
            "postgres binds each entry of listen_addresses (or -h) as given: '0.0.0.0' is IPv4 only, and every IPv6 socket it opens is IPV6_V6ONLY, so '::' alone is IPv6 only. Use '*' (both families) or list '0.0.0.0,::'.",
            Categories.ServerConfig, RuleSeverity.Warning, RuleSeverity.Error, FixSafety.Safe, new[] { "postgres", "kubernetes", "helm", "compose", "dockerfile", "shell" });

        public static readonly RuleDescriptor V6207 = new RuleDescriptor(
            "V6207",
            "PgBouncer listens on IPv4 only",
            "{0} makes pgbouncer listen on IPv4 only",
            "pgbouncer binds each address of listen_addr as given: '0.0.0.0' is IPv4 only and its IPv6 sockets are IPV6_V6ONLY; '*' listens on every IPv4 and IPv6 address. Use listen_addr = * or list '0.0.0.0,::'.",
            Categories.ServerConfig, RuleSeverity.Warning, RuleSeverity.Error, FixSafety.Safe, new[] { "pgbouncer" });

        public static readonly RuleDescriptor V6208 = new RuleDescriptor(
            "V6208",
            "memcached listens on IPv4 only",
            "{0} makes memcached listen on IPv4 only",
            "memcached binds each -l address as given: '-l 0.0.0.0' is IPv4 only and '-l ::' is IPv6 only (its IPv6 sockets are IPV6_V6ONLY). Leave -l out, or use '-l 0.0.0.0,::', to listen on both families.",
            Categories.ServerConfig, RuleSeverity.Warning, RuleSeverity.Error, FixSafety.Safe, new[] { "memcached", "kubernetes", "helm", "compose", "dockerfile", "shell" });

        public static readonly RuleDescriptor V6209 = new RuleDescriptor(
            "V6209",
            "MySQL/MariaDB listens on IPv4 only",
            "{0} makes MySQL/MariaDB listen on IPv4 only",
            "mysqld and mariadbd bind 'bind-address' as given: '0.0.0.0' and an IPv4 address open an IPv4 socket only. '*' (MySQL's default) listens on every IPv4 and IPv6 address in both servers; '::' is dual-stack in MySQL but IPv6-only in MariaDB. Use bind-address = * (or remove the line).",
            Categories.ServerConfig, RuleSeverity.Warning, RuleSeverity.Error, FixSafety.Safe, new[] { "mysql", "kubernetes", "helm", "compose", "dockerfile", "shell" });

        public static readonly RuleDescriptor V6301 = new RuleDescriptor(
            "V6301",
            "Dependency version with a known IPv6 bug",
            "{0}",
            "Some library versions are known to fail on IPv6 or dual-stack networks (an advisory list kept in rules/advisories.json). Upgrade to the fixed version.",
            Categories.Dependencies, RuleSeverity.Warning, RuleSeverity.Error, FixSafety.Unsafe, new[] { "msbuild", "json", "gomod", "pip-requirements", "pyproject", "poetry-lock", "pipfile-lock" });

        public static readonly RuleDescriptor V6401 = new RuleDescriptor(
            "V6401",
            "Node is not dual-stack",
            "{0}",
            "In a dual-stack cluster every node needs one podCIDR and one InternalIP per family; a node without them gives its pods one family only.",
            Categories.LiveCluster, RuleSeverity.Warning, RuleSeverity.Error, FixSafety.None, new[] { "cluster" });

        public static readonly RuleDescriptor V6402 = new RuleDescriptor(
            "V6402",
            "Pod has one address family in a dual-stack cluster",
            "{0}",
            "In a dual-stack cluster a pod on the pod network should have one status.podIPs entry per family; a pod with one address cannot be reached over the other family.",
            Categories.LiveCluster, RuleSeverity.Warning, RuleSeverity.Error, FixSafety.None, new[] { "cluster" });

        public static readonly RuleDescriptor V6403 = new RuleDescriptor(
            "V6403",
            "Dual-stack Service lacks EndpointSlices for a family",
            "{0}",
            "A Service with two ipFamilies is served by one EndpointSlice per addressType; without slices of a family, clients of that family reach no endpoint.",
            Categories.LiveCluster, RuleSeverity.Warning, RuleSeverity.Error, FixSafety.None, new[] { "cluster" });

        public static readonly RuleDescriptor V6404 = new RuleDescriptor(
            "V6404",
            "Cluster DNS or kube-proxy is single-stack",
            "{0}",
            "CoreDNS (kube-dns Service) and kube-proxy must serve both families in a dual-stack cluster; a single-stack kube-dns Service or kube-proxy clusterCIDR leaves one family without DNS or Service routing.",
            Categories.LiveCluster, RuleSeverity.Warning, RuleSeverity.Error, FixSafety.None, new[] { "cluster" });

        public static readonly RuleDescriptor V6405 = new RuleDescriptor(
            "V6405",
            "Cluster is not dual-stack",
            "{0}",
            "The cluster's service CIDRs, node podCIDRs and component configuration show one address family only; workloads cannot be dual-stack until the cluster is.",
            Categories.LiveCluster, RuleSeverity.Warning, RuleSeverity.Error, FixSafety.None, new[] { "cluster" });

        public static readonly RuleDescriptor V6406 = new RuleDescriptor(
            "V6406",
            "Service is single-stack in a dual-stack cluster",
            "{0}",
            "A deployed Service with one ipFamily (ipFamilyPolicy SingleStack, the default) has a ClusterIP of one family only, so clients of the other family cannot reach it even though the cluster is dual-stack. Set ipFamilyPolicy: PreferDualStack (a second family can be added to a live Service).",
            Categories.LiveCluster, RuleSeverity.Warning, RuleSeverity.Error, FixSafety.None, new[] { "cluster" });

        private static readonly RuleDescriptor[] s_all =
        {
            V6001, V6002, V6003, V6004, V6005, V6006, V6007, V6008, V6009,
            V6101, V6102, V6103, V6104, V6105, V6106, V6107, V6108,
            V6201, V6202, V6203, V6204, V6205,
            V6206, V6207, V6208,
            V6209,
            V6301,
            V6401, V6402, V6403, V6404, V6405, V6406,
        };

        private static readonly Dictionary<string, RuleDescriptor> s_byId =
            s_all.ToDictionary(r => r.Id, StringComparer.OrdinalIgnoreCase);

        /// <summary>Every rule, in id order.</summary>
        public static IReadOnlyList<RuleDescriptor> All => s_all;

        /// <summary>The rule with this id (case-insensitive); throws for an unknown id.</summary>
        public static RuleDescriptor Get(string id) =>
            s_byId.TryGetValue(id, out var rule) ? rule : throw new KeyNotFoundException("Unknown rule id: " + id);

        public static bool TryGet(string id, out RuleDescriptor? rule)
        {
            var found = s_byId.TryGetValue(id, out var r);
            rule = r;
            return found;
        }
    }
}
