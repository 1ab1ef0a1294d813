using System.Text;
using V6Ready.Core.Text;
using V6Ready.Rules;

namespace V6Ready.Core.Tests;

public class ScannerTests
{
    [Fact]
    public void Findings_are_in_deterministic_order_with_positions()
    {
        using var t = new TestTree();
        for (var i = 0; i < 30; i++) t.Write($"d{i % 3}/f{i}.zero", "x ZERO\nZERO y ZERO\n");
        var a = t.Scan();
        var b = t.Scan();
        Assert.Equal(90, a.Findings.Count);
        Assert.Equal(a.Findings.Select(f => $"{f.Path}:{f.Line}:{f.Column}"), b.Findings.Select(f => $"{f.Path}:{f.Line}:{f.Column}"));
        var sorted = a.Findings.OrderBy(f => f.Path, StringComparer.Ordinal).ThenBy(f => f.Line).ThenBy(f => f.Column).ToList();
        Assert.Equal(sorted, a.Findings);
        var first = a.Findings[0];
        Assert.Equal(("d0/f0.zero", 1, 3, 1, 7), (first.Path, first.Line, first.Column, first.EndLine, first.EndColumn));
        Assert.Equal("V6001", first.RuleId);
        Assert.Equal(RuleSeverity.Warning, first.Severity);
        Assert.Equal(30, a.FilesScanned);
        Assert.Equal(30, a.ByLanguage["zerolang"]);
    }

    [Fact]
    public void Target_picks_catalog_severities()
    {
        using var t = new TestTree();
        t.Write("a.zero", "ZERO\n");
        Assert.Equal(RuleSeverity.Warning, t.Scan().Findings.Single().Severity);
        Assert.Equal(RuleSeverity.Error, t.Scan(null, Target.Ipv6Only).Findings.Single().Severity);
    }

    [Fact]
    public void A_crashing_front_end_becomes_a_parse_error_and_the_scan_goes_on()
    {
        using var t = new TestTree();
        t.Write("a.zero", "ZERO CRASH\n");
        t.Write("b.zero", "ZERO\n");
        t.Write("c.zero", "BROKEN\n\nBROKEN\n");
        var r = t.Scan();
        Assert.Equal(new[] { "b.zero" }, r.Findings.Select(f => f.Path).ToArray());
        var err = Assert.Single(r.ParseErrors, e => e.Path == "a.zero");
        Assert.StartsWith("internal error:", err.Message);
        Assert.Equal(new[] { 1, 3 }, r.ParseErrors.Where(e => e.Path == "c.zero").Select(e => e.Line).ToArray());
        Assert.Equal(3, r.FilesScanned); // files that failed still count
        Assert.Equal(3, r.ByLanguage["zerolang"]);
    }

    [Fact]
    public void SkipReason_moves_the_file_to_skipped()
    {
        using var t = new TestTree();
        t.Write("gen.zero", "GENERATED\nZERO\n");
        var r = t.Scan();
        Assert.Empty(r.Findings);
        Assert.Equal(0, r.FilesScanned);
        Assert.Contains(r.Skipped, s => s.Path == "gen.zero" && s.Reason == "generated file");
    }

    [Fact]
    public void Inline_suppressions_on_the_line_and_the_line_before()
    {
        using var t = new TestTree();
        t.Write("a.zero", "ZERO # v6ready-ignore V6001 -- reviewed\n# v6ready-ignore V6001\nZERO\nZERO # v6ready-ignore V6002\n# v6ready-ignore\nZERO UNSAFE\nZERO\n");
        var r = t.Scan();
        Assert.Equal(new[] { 4, 7 }, r.Findings.Select(f => f.Line).ToArray());
        Assert.Equal(4, r.Suppressed);
    }

    [Fact]
    public void Decoding_utf8_bom_utf16_and_crlf()
    {
        using var t = new TestTree();
        t.WriteBytes("bom.zero", new UTF8Encoding(true).GetPreamble().Concat(Encoding.UTF8.GetBytes("é ZERO\r\n")).ToArray());
        t.WriteBytes("le.zero", new UnicodeEncoding(false, true).GetPreamble().Concat(Encoding.Unicode.GetBytes("a\r\nb ZERO\r\n")).ToArray());
        t.WriteBytes("be.zero", new UnicodeEncoding(true, true).GetPreamble().Concat(Encoding.BigEndianUnicode.GetBytes("ZERO\n")).ToArray());
        t.WriteBytes("latin.zero", new byte[] { 0xE9, (byte)' ', (byte)'Z', (byte)'E', (byte)'R', (byte)'O', (byte)'\n' });
        var r = t.Scan();
        Assert.Equal(new[] { ("be.zero", 1, 1), ("bom.zero", 1, 3), ("latin.zero", 1, 3), ("le.zero", 2, 3) },
            r.Findings.Select(f => (f.Path, f.Line, f.Column)).ToArray());
        Assert.Empty(r.Skipped); // UTF-16's NUL bytes are not "binary" when a BOM explains them
    }

    [Fact]
    public void Decoder_remembers_encoding_bom_and_newline_and_round_trips()
    {
        var cases = new[]
        {
            new UTF8Encoding(true).GetPreamble().Concat(Encoding.UTF8.GetBytes("a\r\nb\r\n")).ToArray(),
            new UnicodeEncoding(false, true).GetPreamble().Concat(Encoding.Unicode.GetBytes("x\ny\n")).ToArray(),
            new UnicodeEncoding(true, true).GetPreamble().Concat(Encoding.BigEndianUnicode.GetBytes("x\r\n")).ToArray(),
            Encoding.UTF8.GetBytes("plain\n"),
            new byte[] { 0xE9, 0xFF, (byte)'\r', (byte)'\n' },
        };
        var expected = new[] { ("utf-8", true, "\r\n"), ("utf-16le", true, "\n"), ("utf-16be", true, "\r\n"), ("utf-8", false, "\n"), ("iso-8859-1", false, "\r\n") };
        for (var i = 0; i < cases.Length; i++)
        {
            var d = TextDecoder.Decode(cases[i]);
            Assert.Equal(expected[i], (d.EncodingName, d.HasBom, d.NewLine));
            Assert.Equal(cases[i], d.Encode(d.Text));
        }
        Assert.True(TextDecoder.LooksBinary(new byte[] { 1, 0, 2 }));
        Assert.False(TextDecoder.LooksBinary(new UnicodeEncoding(false, true).GetPreamble().Concat(Encoding.Unicode.GetBytes("ab")).ToArray()));
    }

    [Fact]
    public void Content_detection_reads_the_head_only_when_asked()
    {
        using var t = new TestTree();
        t.Write("a.zhead", "#!zero\nZERO\n");
        t.Write("b.zhead", "#!other\nZERO\n");
        var r = t.Scan();
        Assert.Equal(new[] { "a.zhead" }, r.Findings.Select(f => f.Path).ToArray());
    }

    [Fact]
    public void Empty_files_are_analyzed_without_reading()
    {
        using var t = new TestTree();
        t.Write("empty.zero", "");
        var r = t.Scan();
        Assert.Equal(1, r.FilesScanned);
        Assert.Empty(r.Skipped);
    }

    [Fact]
    public void Huge_many_files_scan_in_parallel_and_count_correctly()
    {
        using var t = new TestTree();
        for (var i = 0; i < 200; i++) t.Write($"p{i % 7}/f{i:D3}.zero", i % 2 == 0 ? "ZERO\n" : "nothing\n");
        var r = t.Scan();
        Assert.Equal(200, r.FilesScanned);
        Assert.Equal(100, r.Findings.Count);
    }
}
