#!/usr/bin/env bash
# The HTML report of samples/ rendered in headless Chromium at 1400 and 700 px wide; layout checked by assertions on
# element boxes (not pixels): no page-wide horizontal scrolling, the matrix scrolling in its own box at 700 px and fitting
# at 1400 px, source excerpts inside the page, flagged spans marked narrower than their lines, file links, plurals,
# no absolute folder in the header, rule pages with rendered tables and no fence labels. Screenshots are kept next to
# the report (V6_HTML_SHOTS=DIR keeps them there) for a person to look at.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1; then
  echo "e2e-html: chromium is not installed (.ci/install-chromium.sh); layout not checked" >&2
  exit 0
fi
out="${V6_HTML_SHOTS:-$(mktemp -d "${TMPDIR:-/tmp}/v6ready-html.XXXXXX")}"
mkdir -p "$out"
echo "e2e-html: v6ready scan samples -f html -o $out/report.html"
# Run from inside samples so that the root is shown relative to the current folder.
( cd samples && dotnet run --project ../src/V6Ready.Cli -- scan . --format html --output "$out/report.html" >/dev/null 2>"$out/scan.err" ) || true
[ -s "$out/report.html" ] || { echo "e2e-html: no report written" >&2; cat "$out/scan.err" >&2; exit 1; }
# The report's Content-Security-Policy allows inline scripts only: the measuring script goes in inline.
python3 - "$out/report.html" "$out/measure.html" .ci/html-layout.js <<'PY'
import sys
html = open(sys.argv[1], encoding="utf-8").read()
js = open(sys.argv[3], encoding="utf-8").read()
open(sys.argv[2], "w", encoding="utf-8").write(html.replace("</body>", "<script>" + js + "</script>\n</body>"))
PY
fail=0
for width in 1400 700; do
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size="$width,1600" --virtual-time-budget=2000 \
    --dump-dom "file://$out/measure.html" 2>/dev/null >"$out/dom-$width.html" || true
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size="$width,1600" \
    --screenshot="$out/report-$width.png" "file://$out/report.html" >/dev/null 2>&1 || true
  python3 - "$out/dom-$width.html" "$width" "$out/report.html" <<'PY' || fail=1
import html, json, re, sys
dom, width, report = open(sys.argv[1], encoding="utf-8").read(), int(sys.argv[2]), sys.argv[3]
# The inlined script's own text names the element too: the result is the last element of that id in the DOM.
tag = '<pre id="layout-result">'
start = dom.rfind(tag)
end = dom.find("</pre>", start) if start >= 0 else -1
body = dom[start + len(tag):end] if end >= 0 else ""
if not body.strip().startswith("{"):
    sys.exit(f"e2e-html: {width}px: the measuring script produced nothing")
r = json.loads(html.unescape(body))
problems = []
def check(ok, what):
    if not ok: problems.append(what)
check(r["viewport"] <= width, f"viewport {r['viewport']} wider than the window")
check(r["pageScrollWidth"] <= r["viewport"] + 1, f"the page scrolls sideways ({r['pageScrollWidth']} > {r['viewport']})")
check(r["wrapRight"] <= r["viewport"] + 1, f"the matrix box overflows the page (right edge {r['wrapRight']})")
check(r["wrapOverflowX"] == "auto", "the matrix box does not scroll")
if width <= 700:
    check(r["tableWidth"] > r["wrapClientWidth"], "at 700 px the matrix was expected to be wider than its box (scrolling in it)")
else:
    check(r["tableWidth"] <= r["wrapClientWidth"] + 1, f"at {width} px the matrix does not fit ({r['tableWidth']} > {r['wrapClientWidth']})")
check(r["widestPreRight"] <= r["viewport"] + 1, f"a code block overflows the page (right edge {r['widestPreRight']})")
check(r["marks"] > 0 and r["marks"] == r["marksInHitLines"], "flagged spans are not marked inside flagged lines")
check(r["markNarrowerThanLine"] > 0, "no flagged span is narrower than its line (whole lines highlighted?)")
check(r["links"] > 0, "no file links")
check("1 repository" in r["header"] and "1 repositories" not in r["header"], f"plural in header: {r['header']!r}")
check(not re.search(r"(^|\s)/[A-Za-z]", r["header"]), f"an absolute path in the header: {r['header']!r}")
check(r["ruleTables"] > 0 and not r["rawTableMarkup"], "rule pages show raw Markdown tables")
check(not r["fenceLabels"], "rule pages show fence labels such as 'csharp bad'")
if problems:
    print(f"e2e-html: {width}px: " + "; ".join(problems), file=sys.stderr)
    sys.exit(1)
print(f"e2e-html: {width}px ok: page {r['pageScrollWidth']}px, matrix {r['tableWidth']}px in a {r['wrapClientWidth']}px box, "
      f"{r['marks']} marked spans, {r['links']} links, {r['ruleTables']} rule tables")
PY
done
echo "e2e-html: screenshots in $out (report-1400.png, report-700.png)"
exit $fail
