using V6Ready.Core;
using V6Ready.Rules;
using static V6Ready.JavaScript.Tests.TestUtil;

namespace V6Ready.JavaScript.Tests;

public class FixTests
{
    private const string Express = "const express = require('express');\nconst app = express();\n";
    private const string Grpc = "const grpc = require('@grpc/grpc-js');\nconst server = new grpc.Server();\n";

    /// <summary>Applies every fix of <paramref name="rule"/>, checks the result re-parses and re-scans clean, returns it.</summary>
    private static string FixAll(string code, string rule, string path = "test.js", FixSafety safety = FixSafety.Safe)
    {
        var r = Scan(code, path);
        var fixes = r.Findings.Where(f => f.RuleId == rule && f.Fix != null && f.Fix.Safety == safety).ToList();
        Assert.NotEmpty(fixes);
        var fixedText = Apply(code, fixes.SelectMany(f => f.Fix!.Edits));
        var again = Scan(fixedText, path);
        Assert.Empty(again.ParseErrors);
        Assert.DoesNotContain(again.Findings, f => f.RuleId == rule);
        Assert.DoesNotContain(again.Findings, f => f.Fix != null); // idempotent: nothing left to fix
        return fixedText;
    }

    [Theory]
    [InlineData("app.listen(PORT, '0.0.0.0');", "app.listen(PORT);")]
    [InlineData("app.listen(PORT, \"0.0.0.0\", () => ready());", "app.listen(PORT, () => ready());")]
    [InlineData("app.listen(PORT, '0.0.0.0', 511);", "app.listen(PORT, '::', 511);")]
    [InlineData("app.listen(PORT, process.env.HOST || '0.0.0.0');", "app.listen(PORT, process.env.HOST || '::');")]
    [InlineData("app.listen({ port: PORT, host: '0.0.0.0' });", "app.listen({ port: PORT, host: '::' });")]
    [InlineData("const HOST = process.env.HOST ?? '0.0.0.0';\napp.listen(PORT, HOST);", "const HOST = process.env.HOST ?? '::';\napp.listen(PORT, HOST);")]
    public void V6001ListenFixes(string code, string expected)
    {
        Assert.Equal(Express + expected, FixAll(Express + code, "V6001"));
    }

    [Theory]
    [InlineData("server.bindAsync(`0.0.0.0:${PORT}`, creds, cb);", "server.bindAsync(`[::]:${PORT}`, creds, cb);")]
    [InlineData("server.bindAsync('0.0.0.0:' + PORT, creds, cb);", "server.bindAsync('[::]:' + PORT, creds, cb);")]
    [InlineData("const ADDR = `0.0.0.0:${port}`;\nserver.bindAsync(ADDR, creds, cb);", "const ADDR = `[::]:${port}`;\nserver.bindAsync(ADDR, creds, cb);")]
    public void V6001GrpcFixes(string code, string expected)
    {
        Assert.Equal(Grpc + expected, FixAll(Grpc + code, "V6001"));
    }

    [Fact]
    public void V6001FixInTypeScript()
    {
        const string code = "import express from 'express';\nconst app = express();\nconst PORT: number = 8080;\napp.listen(PORT, '0.0.0.0' as string);\n";
        var fixedText = FixAll(code, "V6001", "s.ts");
        Assert.Contains("app.listen(PORT);", fixedText);
    }

    [Fact]
    public void FamilyFourBecomesZero()
    {
        const string code = "const net = require('net');\nnet.connect({ host: h, port: 1, family: 4 });\n";
        Assert.Equal("const net = require('net');\nnet.connect({ host: h, port: 1, family: 0 });\n", FixAll(code, "V6007"));
    }

    [Fact]
    public void Udp4FixIsUnsafe()
    {
        const string code = "const dgram = require('dgram');\nconst s = dgram.createSocket('udp4');\n";
        var f = Scan(code).Findings.Single();
        Assert.Equal(FixSafety.Unsafe, f.Fix!.Safety);
        Assert.Equal("const dgram = require('dgram');\nconst s = dgram.createSocket('udp6');\n", FixAll(code, "V6007", safety: FixSafety.Unsafe));
    }

    [Theory]
    [InlineData("const a = `${host}:${port}`;", "const a = `${/^[^\\[].*:/.test(host) ? `[${host}]` : host}:${port}`;")]
    [InlineData("const u = `http://${cfg.apiHost}:${cfg.apiPort}/v1`;", "const u = `http://${/^[^\\[].*:/.test(cfg.apiHost) ? `[${cfg.apiHost}]` : cfg.apiHost}:${cfg.apiPort}/v1`;")]
    [InlineData("const a = host + ':' + port;", "const a = (/^[^\\[].*:/.test(host) ? `[${host}]` : host) + ':' + port;")]
    public void V6005BracketFixes(string code, string expected)
    {
        Assert.Equal(expected, FixAll(code, "V6005"));
    }

    [Theory]
    // TypeScript: process.env.X is string | undefined and RegExp.test takes a string (TS2345 under strict): String(…)
    [InlineData("const { HOST } = process.env;\nconst u = `http://${HOST}:4318/v1/traces`;", "const { HOST } = process.env;\nconst u = `http://${/^[^\\[].*:/.test(String(HOST)) ? `[${HOST}]` : HOST}:4318/v1/traces`;")]
    [InlineData("const host = process.env.HOST;\nconst a = host + ':' + port;", "const host = process.env.HOST;\nconst a = (/^[^\\[].*:/.test(String(host)) ? `[${host}]` : host) + ':' + port;")]
    public void V6005BracketFixInTypeScriptPassesAStringToTest(string code, string expected)
    {
        Assert.Equal(expected, FixAll(code, "V6005", path: "pages/_document.tsx"));
    }

    [Fact]
    public void V6005NoFixForImpureHost()
    {
        var f = Scan("const a = `${getHost()}:${port}`;").Findings.Single(x => x.RuleId == "V6005");
        Assert.Null(f.Fix);
    }

    [Theory]
    [InlineData("const [host, port] = addr.split(':');", "const [host, port] = ((s, i = s.lastIndexOf(':')) => i < 0 ? [s] : [s.slice(0, i).replace(/^\\[(.*)\\]$/, '$1'), s.slice(i + 1)])(addr);")]
    [InlineData("const h = req.headers.host.split(':')[0];", "const h = ((s, i = s.lastIndexOf(':')) => i < 0 ? [s] : [s.slice(0, i).replace(/^\\[(.*)\\]$/, '$1'), s.slice(i + 1)])(req.headers.host)[0];")]
    public void V6006SplitFixes(string code, string expected)
    {
        Assert.Equal(expected, FixAll(code, "V6006"));
    }

    [Theory]
    [InlineData("const parts = addr.split(':');")]
    [InlineData("const [a, b, c] = addr.split(':');")]
    [InlineData("const i = address.indexOf(':');")]
    public void V6006NoFixWhenMoreThanHostAndPortIsUsed(string code)
    {
        var f = Scan(code).Findings.Single(x => x.RuleId == "V6006");
        Assert.Null(f.Fix);
    }

    [Fact]
    public void EditsAreMinimal()
    {
        var f = Scan(Express + "app.listen(PORT, '0.0.0.0');").Findings.Single();
        var e = Assert.Single(f.Fix!.Edits);
        Assert.Equal(", '0.0.0.0'".Length, e.Length);
        Assert.Equal("", e.NewText);
    }
}
