#!/usr/bin/env bash
# C# analyzers build overhead: generates a class library of FILES C# files that use System.Net, then times
# `dotnet build --no-incremental` without analyzers (baseline), with the V6Ready.Analyzers package (packed from this
# repository) and with SonarAnalyzer.CSharp, interleaving the three in every round. Prints the median wall and CPU times and the
# overhead ratios ((with - baseline) / baseline). Usage: bench/analyzers/run.sh [FILES=2000] [ROUNDS=3]
set -euo pipefail
cd "$(dirname "$0")/../.."
files=${1:-2000}
rounds=${2:-3}
sonar_version=${SONAR_VERSION:-10.*}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

work=$(mktemp -d "${TMPDIR:-/tmp}/v6ready-bench-analyzers.XXXXXX")
[ -n "${V6_BENCH_KEEP:-}" ] || trap 'rm -rf "$work"' EXIT
export V6_ARTIFACTS="$work/artifacts"
version="0.1.0-bench.$(date +%s)"
dotnet pack analyzers/V6Ready.Analyzers.Package -c Release -o "$work/feed" -p:Version="$version" -v quiet >"$work/pack.log" 2>&1 \
  || { cat "$work/pack.log"; exit 1; }

# ---------------------------------------------------------------- generate the project
gen="$work/src"
mkdir -p "$gen"
for ((i = 0; i < files; i++)); do
  cat >"$gen/Service$i.cs" <<CS
using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;

namespace Bench.Gen$((i / 100));

public sealed record Order$i(int Id, string Customer, decimal Total, DateTime Placed);

public sealed class Service$i
{
    private readonly string _host = "svc$i";
    private readonly int _port = $((8000 + i % 1000));
    private readonly List<Order$i> _orders = new();

    public string Target() => new DnsEndPoint(_host, _port).Host + "/" + _port;

    public IPEndPoint? Parse(string endpoint) => IPEndPoint.TryParse(endpoint, out var ep) ? ep : null;

    public TcpListener Listen() => TcpListener.Create(_port);

    public async Task<int> SendAsync(byte[] payload)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(_host, _port);
        await client.GetStream().WriteAsync(payload);
        return payload.Length;
    }

    public IPAddress[] Resolve() => Dns.GetHostAddresses(_host).Where(a => !IPAddress.IsLoopback(a)).ToArray();

    public string Describe(int count, double ratio)
    {
        var sb = new StringBuilder();
        for (var k = 0; k < count; k++) sb.Append(k).Append(':').Append(ratio * k).Append(';');
        return sb.ToString();
    }

    public decimal Revenue(DateTime from) => _orders.Where(o => o.Placed >= from).Sum(o => o.Total);

    public IEnumerable<IGrouping<string, Order$i>> ByCustomer() => _orders.GroupBy(o => o.Customer).OrderBy(g => g.Key);

    public string Classify(Order$i order) => order.Total switch
    {
        < 10m => "small",
        < 100m => "medium",
        _ => order.Customer.Length > 10 ? "large-long" : "large",
    };

    public void Add(int id, string customer, decimal total) => _orders.Add(new Order$i(id, customer, total, DateTime.UtcNow));

    public string Endpoint(IPAddress address) => new IPEndPoint(address, _port).ToString();

    public Socket Open()
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.IPv6Any, 0));
        return socket;
    }
$( [ $((i % 10)) -eq 0 ] && cat <<'MISTAKES'
    // Every tenth file carries a few IPv4-only mistakes, so the analyzers also report.
    public string Join(string host, int port) => $"{host}:{port}";
    public UdpClient Udp() => new UdpClient();
    public IPAddress First(string host) => Dns.GetHostAddresses(host)[0];
MISTAKES
)
}
CS
done

make_project() { # name, extra item group
  mkdir -p "$work/$1"
  cat >"$work/$1/Bench.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>disable</ImplicitUsings>
    <NoWarn>\$(NoWarn);CS1591</NoWarn>
  </PropertyGroup>
  <ItemGroup>
    <Compile Include="$gen/*.cs" />
  </ItemGroup>
  $2
</Project>
XML
  echo '<Project />' >"$work/$1/Directory.Build.props"
  cat >"$work/$1/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="v6ready-bench" value="$work/feed" />
  </packageSources>
</configuration>
XML
  dotnet restore "$work/$1/Bench.csproj" -v quiet >"$work/$1/restore.log" 2>&1 || { cat "$work/$1/restore.log"; exit 1; }
}

make_project baseline ""
make_project v6ready "<ItemGroup><PackageReference Include=\"V6Ready.Analyzers\" Version=\"$version\" PrivateAssets=\"all\" /></ItemGroup>"
make_project sonar "<ItemGroup><PackageReference Include=\"SonarAnalyzer.CSharp\" Version=\"$sonar_version\" PrivateAssets=\"all\" /></ItemGroup>"
sonar_resolved=$(grep -o '"SonarAnalyzer.CSharp/[^"]*"' "$work/sonar/obj/project.assets.json" | head -1 | tr -d '"' | cut -d/ -f2)

build() { # project -> "wall cpu" seconds; CPU is user+sys of the build and its compiler processes
  # (no build server, no node reuse: csc and the MSBuild nodes are child processes, so their CPU time is counted).
  local t
  t=$( { TIMEFORMAT='%R %U %S'; time dotnet build "$work/$1/Bench.csproj" --no-restore --no-incremental -nologo -v quiet \
        -clp:NoSummary -nodeReuse:false -p:UseSharedCompilation=false >"$work/$1/build.log" 2>&1; } 2>&1 ) \
    || { cat "$work/$1/build.log" >&2; exit 1; }
  awk '{ print $1, $2 + $3 }' <<<"$t"
}

# Warm-up, then interleaved rounds.
build baseline >/dev/null
declare -A times cpus
paired_v="" paired_s="" cpu_v="" cpu_s=""
for ((r = 1; r <= rounds; r++)); do
  declare -A this=() thiscpu=()
  for p in baseline v6ready sonar; do
    read -r t c <<<"$(build "$p")"
    this[$p]=$t
    thiscpu[$p]=$c
    times[$p]="${times[$p]:-} $t"
    cpus[$p]="${cpus[$p]:-} $c"
    printf 'round %d %-8s wall %6.1f s  cpu %6.1f s\n' "$r" "$p" "$t" "$c" >&2
  done
  # Overheads within one round (the three builds ran back to back, so they saw similar machine load).
  paired_v="$paired_v $(awk -v a="${this[v6ready]}" -v b="${this[baseline]}" 'BEGIN { print (a - b) * 100 / b }')"
  paired_s="$paired_s $(awk -v a="${this[sonar]}" -v b="${this[baseline]}" 'BEGIN { print (a - b) * 100 / b }')"
  cpu_v="$cpu_v $(awk -v a="${thiscpu[v6ready]}" -v b="${thiscpu[baseline]}" 'BEGIN { print (a - b) * 100 / b }')"
  cpu_s="$cpu_s $(awk -v a="${thiscpu[sonar]}" -v b="${thiscpu[baseline]}" 'BEGIN { print (a - b) * 100 / b }')"
done

calc() { awk "BEGIN { print $1 }"; }
median() { printf '%s\n' $1 | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
b=$(median "${times[baseline]}")
v=$(median "${times[v6ready]}")
s=$(median "${times[sonar]}")
v6warnings=$(grep 'warning V60' "$work/v6ready/build.log" | sort -u | wc -l)
echo "files: $files, rounds: $rounds (median), SonarAnalyzer.CSharp $sonar_resolved, $(nproc) cores"
printf 'baseline (no analyzer package)   %6.1f s\n' "$b"
printf 'V6Ready.Analyzers                %6.1f s  overhead %+5.1f%%  (%d V6 warnings)\n' "$v" "$(calc "($v - $b) * 100 / $b")" "$v6warnings"
printf 'SonarAnalyzer.CSharp             %6.1f s  overhead %+5.1f%%\n' "$s" "$(calc "($s - $b) * 100 / $b")"
printf 'V6Ready overhead / Sonar overhead: %.2f\n' "$(calc "($v - $b) / ($s - $b)")"
printf 'per-round overheads: V6Ready%s %%; Sonar%s %%; medians %+.1f%% / %+.1f%%\n' \
  "$(printf ' %+.1f' $paired_v)" "$(printf ' %+.1f' $paired_s)" "$(median "$paired_v")" "$(median "$paired_s")"
bc_=$(median "${cpus[baseline]}")
vc=$(median "${cpus[v6ready]}")
sc=$(median "${cpus[sonar]}")
printf 'CPU (user+sys) medians: baseline %.1f s, V6Ready %.1f s (%+.1f%%), Sonar %.1f s (%+.1f%%)\n' \
  "$bc_" "$vc" "$(calc "($vc - $bc_) * 100 / $bc_")" "$sc" "$(calc "($sc - $bc_) * 100 / $bc_")"
printf 'per-round CPU overheads: V6Ready%s %%; Sonar%s %%; medians %+.1f%% / %+.1f%%\n' \
  "$(printf ' %+.1f' $cpu_v)" "$(printf ' %+.1f' $cpu_s)" "$(median "$cpu_v")" "$(median "$cpu_s")"
