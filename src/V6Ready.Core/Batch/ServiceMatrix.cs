using System.Globalization;
using V6Ready.Core.Reporting;
using V6Ready.Rules;

namespace V6Ready.Core.Batch;

/// <summary>One cell of the readiness matrix: how many findings, and the worst severity among them.</summary>
public sealed record MatrixCell(int Count, RuleSeverity Worst);

/// <summary>One row of the matrix: a service, its scanned file count and its findings per rule family.</summary>
public sealed class ServiceRow
{
    public ServiceRow(ServiceKey key) => Key = key;

    public ServiceKey Key { get; }
    public int Files { get; set; }
    public List<Finding> Findings { get; } = new();
    public Dictionary<string, MatrixCell> Cells { get; } = new(StringComparer.Ordinal);

    public int Total => Findings.Count;
    public RuleSeverity Worst => Findings.Count == 0 ? RuleSeverity.None : Findings.Max(f => f.Severity);

    public MatrixCell Cell(string familyKey) => Cells.TryGetValue(familyKey, out var c) ? c : new MatrixCell(0, RuleSeverity.None);
}

/// <summary>The readiness picture of a scan: services × rule families, grouped per repository.</summary>
public sealed class ServiceMatrix
{
    public List<ServiceRow> Rows { get; } = new();

    /// <summary>The family columns shown (the fixed four, plus live-cluster/other when they have findings).</summary>
    public List<RuleFamilies.Family> Columns { get; } = new();

    public IEnumerable<string> Repos => Rows.Select(r => r.Key.Repo).Distinct();

    /// <summary>
    /// Whether <see cref="ServiceRow.Files"/> counts every scanned file (a scan's report knows each file; a merged
    /// report only knows the files with findings).
    /// </summary>
    public bool FileCountsKnown { get; private set; } = true;

    public string FilesText(int files) => FileCountsKnown ? files.ToString(CultureInfo.InvariantCulture) : "-";

    public static ServiceMatrix Build(ScanReport report, ServiceGrouper? grouper = null)
    {
        grouper ??= new ServiceGrouper(report.Roots);
        var rows = new Dictionary<ServiceKey, ServiceRow>();
        ServiceRow RowOf(string path, int line)
        {
            report.FullPaths.TryGetValue(path, out var full);
            var key = grouper.Locate(path, full, line);
            if (!rows.TryGetValue(key, out var row)) rows[key] = row = new ServiceRow(key);
            return row;
        }
        grouper.Learn(report.FullPaths.Values);
        foreach (var path in report.FullPaths.Keys) RowOf(path, 0).Files++;
        foreach (var f in report.Findings) RowOf(f.Path, f.Line).Findings.Add(f);

        var matrix = new ServiceMatrix { FileCountsKnown = report.FullPaths.Count == report.FilesScanned };
        foreach (var row in rows.Values.OrderBy(r => r.Key))
        {
            foreach (var g in row.Findings.GroupBy(f => RuleFamilies.Of(f.RuleId).Key))
                row.Cells[g.Key] = new MatrixCell(g.Count(), g.Max(f => f.Severity));
            matrix.Rows.Add(row);
        }
        foreach (var family in RuleFamilies.All)
        {
            var always = family == RuleFamilies.Code || family == RuleFamilies.Kubernetes || family == RuleFamilies.ServerConfig || family == RuleFamilies.Dependencies;
            if (always || matrix.Rows.Any(r => r.Cells.ContainsKey(family.Key))) matrix.Columns.Add(family);
        }
        return matrix;
    }

    /// <summary>The plain-text table: one line per service, a count per family (with the worst severity's initial), totals.</summary>
    public void WriteText(TextWriter w)
    {
        var headers = new List<string> { "repo / service", "files" };
        headers.AddRange(Columns.Select(c => c.Title + " " + c.Range));
        headers.Add("total");
        var table = new List<string[]>();
        foreach (var row in Rows)
        {
            var cells = new List<string> { row.Key.Display, FilesText(row.Files) };
            cells.AddRange(Columns.Select(c => CellText(row.Cell(c.Key))));
            cells.Add(CellText(new MatrixCell(row.Total, row.Worst)));
            table.Add(cells.ToArray());
        }
        var totals = new List<string> { $"{Rows.Count} services in {Repos.Count()} repos", FileCountsKnown ? Rows.Sum(r => r.Files).ToString(CultureInfo.InvariantCulture) : "-" };
        foreach (var c in Columns)
        {
            var cellsOfColumn = Rows.Select(r => r.Cell(c.Key)).ToList();
            totals.Add(CellText(new MatrixCell(cellsOfColumn.Sum(x => x.Count), cellsOfColumn.Select(x => x.Worst).DefaultIfEmpty(RuleSeverity.None).Max())));
        }
        totals.Add(CellText(new MatrixCell(Rows.Sum(r => r.Total), Rows.Select(r => r.Worst).DefaultIfEmpty(RuleSeverity.None).Max())));

        var widths = headers.Select((h, i) => Math.Max(h.Length, table.Select(r => r[i].Length).Append(totals[i].Length).Max())).ToArray();
        void Line(IReadOnlyList<string> cells)
        {
            var parts = cells.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]));
            w.WriteLine(string.Join("  ", parts).TrimEnd());
        }
        Line(headers);
        w.WriteLine(string.Join("  ", widths.Select(x => new string('-', x))));
        foreach (var r in table) Line(r);
        w.WriteLine(string.Join("  ", widths.Select(x => new string('-', x))));
        Line(totals);
        w.WriteLine("(E error, W warning, N note: the worst severity in the cell)");
    }

    public static string CellText(MatrixCell cell) => cell.Count == 0 ? "." : cell.Count.ToString(CultureInfo.InvariantCulture) + SeverityInitial(cell.Worst);

    public static string SeverityInitial(RuleSeverity s) => s switch
    {
        RuleSeverity.Error => "E",
        RuleSeverity.Warning => "W",
        RuleSeverity.Note => "N",
        _ => "",
    };

    public static string SeverityName(RuleSeverity s) => SeverityNames.ToName(s);
}
