#!/usr/bin/env bash
# Whole-tree scan benchmark: `v6ready scan` over a large polyglot tree against ripgrep searching the same kinds of
# files for an equivalent set of literal patterns, in the same run. Reports the wall-time ratio (hyperfine), files/s,
# MB/s, and peak memory (maximum resident set size) at 1x, 4x and 16x the tree.
#
# Usage: bench/scan/run.sh [SRC]
#   SRC: a folder of checkouts (default bench/work/src), e.g. the Sock Shop and Online Boutique repositories:
#        GoogleCloudPlatform/microservices-demo, microservices-demo/{microservices-demo,front-end,user,catalogue,
#        carts,orders,payment,shipping,queue-master}. Nothing here is committed (bench/work is git-ignored).
# Needs: the .NET SDK, ripgrep, hyperfine, GNU time (Debian: apt-get install -y ripgrep hyperfine time).
# Env: RUNS (hyperfine runs, default 5), SCALES (default "1 4 16"), V6READY (a prebuilt v6ready to measure instead of
#      the publish of src/V6Ready.Cli this script makes), BUILD (what to publish: "composite" (default), a self-contained
#      ReadyToRun composite of the tool and the runtime; "r2r", framework-dependent ReadyToRun; "jit", a plain build).
# Wall times depend on what else the machine runs: the summary also gives CPU time (user+sys) and the load average.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
work="$repo/bench/work/scan"
src=${1:-$repo/bench/work/src}
runs=${RUNS:-5}
scales=${SCALES:-"1 4 16"}
results="$repo/bench/results/scan"
mkdir -p "$work" "$results"
for tool in rg hyperfine /usr/bin/time dotnet; do
  command -v "$tool" >/dev/null 2>&1 || { echo "bench/scan: $tool is required" >&2; exit 2; }
done
[ -d "$src" ] || { echo "bench/scan: no checkouts at $src (see the header of this script)" >&2; exit 2; }

# One artifacts folder per build kind: a composite publish leaves intermediate ReadyToRun images that a later
# framework-dependent publish must not pick up.
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 V6_ARTIFACTS="$work/artifacts-${BUILD:-composite}"
if [ -n "${V6READY:-}" ]; then
  v6=$V6READY
elif [ "${BUILD:-composite}" = jit ]; then
  echo "== building v6ready (Release, JIT)"
  dotnet build "$repo/src/V6Ready.Cli" -c Release -v quiet -nologo >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
  v6="$V6_ARTIFACTS/bin/V6Ready.Cli/release/v6ready"
else
  # What a release ships: the tool compiled ahead of time, as the README's install section builds it.
  case "$(uname -m)" in x86_64) rid=linux-x64 ;; aarch64|arm64) rid=linux-arm64 ;; *) rid=linux-x64 ;; esac
  if [ "${BUILD:-composite}" = r2r ]; then
    aot=(--self-contained false -p:PublishReadyToRun=true)
  else
    aot=(--self-contained true -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true)
  fi
  echo "== publishing v6ready (Release, ${BUILD:-composite}, $rid)"
  dotnet publish "$repo/src/V6Ready.Cli" -c Release -r "$rid" "${aot[@]}" -o "$work/publish-${BUILD:-composite}" \
    -v quiet -nologo >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
  v6="$work/publish-${BUILD:-composite}/v6ready"
fi
[ -x "$v6" ] || { echo "bench/scan: no executable at $v6" >&2; exit 1; }

# The same kinds of files v6ready analyzes, and the folders it skips by default.
globs=(-g '*.cs' -g '*.go' -g '*.js' -g '*.mjs' -g '*.cjs' -g '*.ts' -g '*.tsx' -g '*.jsx' -g '*.yaml' -g '*.yml' -g '*.json'
       -g 'Dockerfile*' -g '*.conf' -g '*.csproj' -g 'go.mod' -g '!node_modules/' -g '!vendor/' -g '!bin/' -g '!obj/' -g '!dist/')
patterns=(-e '0.0.0.0' -e '127.0.0.1' -e '8.8.8.8' -e 'ipFamilyPolicy' -e 'status.podIP' -e 'status.hostIP' -e 'listen ' -e 'bind_ip'
          -e 'bindIp' -e 'udp4' -e 'tcp4' -e 'InterNetwork' -e "Split(':')" -e 'resolve4' -e 'family: 4' -e 'IPAddress.Any'
          -e 'AddressList[0]' -e 'To4()' -e 'ipBlock' -e 'podSubnet' -e 'enable_ipv6' -e '"ipv6"')

summary="$results/summary${SUFFIX:-}.txt"
printf '%s\n' "scale files_scanned mb v6_wall_s v6_sd_s rg_wall_s rg_sd_s wall_ratio v6_cpu_s rg_cpu_s cpu_ratio v6_files_per_s v6_mb_per_s v6_peak_rss_mb rg_peak_rss_mb findings load1" > "$summary"
for n in $scales; do
  tree="$work/tree-$n"
  if [ ! -d "$tree" ]; then
    echo "== building the ${n}x tree"
    mkdir -p "$tree"
    for i in $(seq 1 "$n"); do cp -al "$src" "$tree/copy-$i" 2>/dev/null || cp -a "$src" "$tree/copy-$i"; done
  fi
  # Files and bytes of the kinds both tools read.
  rg --files --no-config "${globs[@]}" "$tree" > "$work/files-$n.txt"
  mb=$(tr '\n' '\0' < "$work/files-$n.txt" | xargs -0 stat -c %s | awk '{s+=$1} END {printf "%.2f", s/1048576}')
  "$v6" scan "$tree" --format json --output "$work/report-$n.json" --fail-on none --quiet 2>/dev/null
  scanned=$(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(d['files']['scanned'], len(d['findings']))" "$work/report-$n.json")
  files=${scanned% *}; findings=${scanned#* }

  echo "== ${n}x: $files files, $mb MB: hyperfine ($runs runs each)"
  hyperfine --style basic --warmup 1 --runs "$runs" --export-json "$work/hyperfine-$n.json" \
    -n v6ready "$v6 scan '$tree' --format json --output /dev/null --fail-on none --quiet" \
    -n ripgrep "rg --no-config -c -F ${patterns[*]@Q} ${globs[*]@Q} '$tree' > /dev/null || true" >"$work/hyperfine-$n.log" 2>&1 \
    || { cat "$work/hyperfine-$n.log"; exit 1; }

  /usr/bin/time -v "$v6" scan "$tree" --format json --output /dev/null --fail-on none --quiet 2> "$work/time-v6-$n.txt" >/dev/null || true
  /usr/bin/time -v rg --no-config -c -F "${patterns[@]}" "${globs[@]}" "$tree" 2> "$work/time-rg-$n.txt" >/dev/null || true
  v6rss=$(awk -F: '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$work/time-v6-$n.txt")
  rgrss=$(awk -F: '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$work/time-rg-$n.txt")

  python3 - "$work/hyperfine-$n.json" "$n" "$files" "$mb" "$v6rss" "$rgrss" "$findings" >> "$summary" <<'PY'
import json, sys
path, n, files, mb, v6rss, rgrss, findings = sys.argv[1:]
r = {x["command"]: x for x in json.load(open(path))["results"]}
v, g = r["v6ready"], r["ripgrep"]
import os
vc, gc = v['user'] + v['system'], g['user'] + g['system']
print(f"{n}x {files} {mb} {v['mean']:.3f} {v['stddev']:.3f} {g['mean']:.3f} {g['stddev']:.3f} {v['mean']/g['mean']:.1f} "
      f"{vc:.3f} {gc:.3f} {vc/gc:.1f} {int(files)/v['mean']:.0f} {float(mb)/v['mean']:.2f} {v6rss} {rgrss} {findings} {os.getloadavg()[0]:.1f}")
PY
done
echo
column -t "$summary"
