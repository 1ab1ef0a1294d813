// Injected into a copy of the HTML report by .ci/e2e-html.sh: measures element boxes after layout and writes them as
// JSON into <pre id="layout-result">, which `chromium --dump-dom` prints. Assertions are made by the script, not here.
(function () {
  function box(e) { var r = e.getBoundingClientRect(); return { left: r.left, right: r.right, width: r.width, top: r.top }; }
  var vw = document.documentElement.clientWidth;
  var wrap = document.getElementById('matrix-wrap'), table = document.getElementById('matrix');
  var pres = Array.prototype.slice.call(document.querySelectorAll('pre'));
  var marks = Array.prototype.slice.call(document.querySelectorAll('pre.excerpt mark'));
  var result = {
    viewport: vw,
    pageScrollWidth: document.documentElement.scrollWidth,
    wrapRight: box(wrap).right, wrapClientWidth: wrap.clientWidth, wrapOverflowX: getComputedStyle(wrap).overflowX,
    tableWidth: table.scrollWidth,
    widestPreRight: Math.max.apply(null, pres.map(function (p) { return box(p).right; })),
    marks: marks.length,
    marksInHitLines: marks.filter(function (m) { return m.closest('span.hit'); }).length,
    markNarrowerThanLine: marks.filter(function (m) { return box(m).width < box(m.closest('span.hit')).width; }).length,
    links: document.querySelectorAll('a.path').length,
    header: document.querySelector('header .meta').textContent,
    ruleTables: document.querySelectorAll('.rule-doc .page table').length,
    rawTableMarkup: /\|---/.test(document.getElementById('rules-section').textContent),
    fenceLabels: /\b(csharp|js|ts|go|yaml|python) (bad|good|fixed)\b/.test(document.getElementById('rules-section').textContent),
  };
  var out = document.createElement('pre');
  out.id = 'layout-result';
  out.textContent = JSON.stringify(result);
  document.body.appendChild(out);
})();
