using V6Ready.Core;
using V6Ready.Rules;
using static V6Ready.JavaScript.Tests.TestUtil;

namespace V6Ready.JavaScript.Tests;

public class RuleTests
{
    private const string Express = "const express = require('express');\nconst app = express();\n";

    // ---------------- V6001 / V6002 ----------------

    [Theory]
    [InlineData(Express + "app.listen(8080, '0.0.0.0');")]
    [InlineData(Express + "app.listen(8080, '0.0.0.0', () => console.log('up'));")]
    [InlineData(Express + "const HOST = process.env.HOST || '0.0.0.0';\napp.listen(8080, HOST);")]
    [InlineData(Express + "app.listen({ port: 8080, host: '0.0.0.0' });")]
    [InlineData("import http from 'node:http';\nconst server = http.createServer(h);\nserver.listen(80, `0.0.0.0`);")]
    [InlineData("const { createServer } = require('net');\ncreateServer().listen(80, '0.0.0.0');")]
    [InlineData("import Fastify from 'fastify';\nconst f = Fastify();\nawait f.listen({ port: 3000, host: '0.0.0.0' });")]
    [InlineData("const Hapi = require('@hapi/hapi');\nconst server = Hapi.server({ port: 3000, host: '0.0.0.0' });")]
    [InlineData("const grpc = require('@grpc/grpc-js');\nconst s = new grpc.Server();\ns.bindAsync(`0.0.0.0:${PORT}`, grpc.ServerCredentials.createInsecure(), cb);")]
    [InlineData("const grpc = require('grpc');\nconst s = new grpc.Server();\ns.bind('0.0.0.0:50051', grpc.ServerCredentials.createInsecure());")]
    [InlineData("server.bindAsync('0.0.0.0:' + port, creds, cb);")]
    [InlineData("function start(host = '0.0.0.0') { app.listen(80, host); }")]
    public void V6001Positives(string code)
    {
        Assert.Contains("V6001", Ids(code));
    }

    [Theory]
    [InlineData("import Koa from 'koa';\nconst app = new Koa();\napp.listen(3000, '0.0.0.0');", "a.ts")]
    [InlineData("const { HOST = '0.0.0.0', PORT = '8080' } = process.env;\nrequire('http').createServer(h).listen(+PORT, HOST);", "a.js")]
    [InlineData("import express = require('express');\nconst app = express();\napp.listen(8080 as number, <string>'0.0.0.0');", "a.ts")]
    [InlineData("import * as grpc from '@grpc/grpc-js';\nclass S { private server = new grpc.Server(); start(port: number) { this.server.bindAsync(`0.0.0.0:${port}`, creds, () => {}); } }", "a.ts")]
    [InlineData("const net = require('node:net');\nlet host = '0.0.0.0';\nnet.createServer().listen({ port: 1, host });", "a.mjs")]
    public void V6001ThroughTypeScriptAndDestructuring(string code, string path)
    {
        Assert.Contains("V6001", Ids(code, path));
    }

    [Fact]
    public void ReassignedVariableIsNotAConstant()
    {
        Assert.DoesNotContain("V6001", Ids(Express + "let host = '0.0.0.0';\nif (process.env.V6) host = '::';\napp.listen(80, host);"));
    }

    [Fact]
    public void MongooseAndMongoTargets()
    {
        var ids = Ids("const mongoose = require('mongoose');\nmongoose.connect('mongodb://10.0.0.9:27017/shop', { family: 4 });");
        Assert.Contains("V6003", ids);
        Assert.Contains("V6007", ids);
    }

    [Theory]
    [InlineData(Express + "app.listen(8080);")]
    [InlineData(Express + "app.listen(8080, () => {});")]
    [InlineData(Express + "app.listen(8080, '::');")]
    [InlineData(Express + "app.listen({ port: 8080, host: '::' });")]
    [InlineData("const grpc = require('@grpc/grpc-js');\nconst s = new grpc.Server();\ns.bindAsync(`[::]:${PORT}`, c, cb);")]
    [InlineData("const grpc = require('@grpc/grpc-js');\nconst s = new grpc.Server();\ns.bindAsync(`localhost:${PORT}`, c, cb);")]
    [InlineData(Express + "// app.listen(8080, '0.0.0.0');\napp.listen(8080);")]
    [InlineData("const banner = 'listening on 0.0.0.0';\nconsole.log(banner);")]
    [InlineData("const redis = require('redis');\nconst c = redis.createClient();\nc.listen(8080, '0.0.0.0');")]
    public void V6001Negatives(string code)
    {
        Assert.DoesNotContain("V6001", Ids(code));
    }

    [Fact]
    public void V6002LoopbackAndLocalhost()
    {
        var r = Scan(Express + "app.listen(8080, '127.0.0.1');\napp.listen(8081, 'localhost');\nconst g = new (require('@grpc/grpc-js').Server)();\ng.bindAsync('127.0.0.1:50051', c, cb);");
        var v = r.Findings.Where(f => f.RuleId == "V6002").ToList();
        Assert.Equal(3, v.Count);
        Assert.Equal(Confidence.High, v[0].Confidence);
        Assert.Equal(Confidence.Low, v[1].Confidence);
        Assert.Equal(3, v[0].Line);
        Assert.Equal(18, v[0].Column);
        Assert.Empty(Ids(Express + "app.listen(8080, '::1');"));
    }

    [Fact]
    public void UnknownReceiverHasMediumConfidence()
    {
        var f = Assert.Single(Scan("server.listen(80, '0.0.0.0');").Findings);
        Assert.Equal(Confidence.Medium, f.Confidence);
    }

    // ---------------- V6007 / V6009 ----------------

    [Theory]
    [InlineData("const dgram = require('dgram');\ndgram.createSocket('udp4');", "V6007")]
    [InlineData("import { createSocket } from 'node:dgram';\ncreateSocket({ type: 'udp4', reuseAddr: true });", "V6007")]
    [InlineData("const net = require('net');\nnet.connect({ host: h, port: 1, family: 4 });", "V6007")]
    [InlineData("const Redis = require('ioredis');\nnew Redis({ host: h, family: 4 });", "V6007")]
    [InlineData("const dns = require('dns');\ndns.resolve4(name, cb);", "V6009")]
    [InlineData("const dns = require('node:dns');\nawait dns.promises.resolve4(name);", "V6009")]
    [InlineData("import { promises as dnsp } from 'dns';\nawait dnsp.resolve4(name);", "V6009")]
    [InlineData("import dns from 'dns/promises';\nawait dns.resolve4(name);", "V6009")]
    [InlineData("const dns = require('dns');\ndns.lookup(name, { family: 4 }, cb);", "V6009")]
    [InlineData("const dns = require('dns');\ndns.lookup(name, 4, cb);", "V6009")]
    [InlineData("const dns = require('dns');\ndns.resolve(name, 'A', cb);", "V6009")]
    public void FamilyAndResolutionPositives(string code, string id)
    {
        Assert.Contains(id, Ids(code));
    }

    [Theory]
    [InlineData("const dgram = require('dgram');\ndgram.createSocket('udp6');")]
    [InlineData("const dgram = require('dgram');\ndgram.createSocket({ type: 'udp6', ipv6Only: false });")]
    [InlineData("const net = require('net');\nnet.connect({ host: h, port: 1 });")]
    [InlineData("const net = require('net');\nnet.connect({ host: h, port: 1, family: 0 });")]
    [InlineData("const dns = require('dns');\ndns.resolve6(name, cb);\ndns.lookup(name, { all: true }, cb);\ndns.resolve(name, 'AAAA', cb);")]
    [InlineData("const dns = require('dns');\nasync function all(h) { return Promise.all([dns.promises.resolve4(h), dns.promises.resolve6(h)]); }")]
    [InlineData("const stats = { family: 'Arial', size: 4 };")]
    public void FamilyAndResolutionNegatives(string code)
    {
        Assert.DoesNotContain(Ids(code), i => i is "V6007" or "V6009");
    }

    // ---------------- V6005 / V6006 ----------------

    [Theory]
    [InlineData("const addr = `${host}:${port}`;")]
    [InlineData("const addr = `${config.redisHost}:${config.redisPort}`;")]
    [InlineData("const url = `http://${process.env.API_HOST}:${process.env.API_PORT}/v1`;")]
    [InlineData("const a = host + ':' + port;")]
    [InlineData("const a = 'http://' + serverAddr + ':' + PORT + '/x';")]
    [InlineData("const a = `${host}:8080`;")]
    [InlineData("const a = [hostname, port].join(':');")]
    [InlineData("const HOST = process.env.HOST || 'localhost';\nconst a = `${HOST}:${PORT}`;")]
    public void V6005Positives(string code)
    {
        Assert.Contains("V6005", Ids(code));
    }

    [Theory]
    [InlineData("const t = `${hours}:${minutes}`;")]
    [InlineData("const t = `host: ${host}`;")]
    [InlineData("const u = `http://[${host}]:${port}`;")]
    [InlineData("const HOST = 'redis';\nconst a = `${HOST}:${PORT}`;")]
    [InlineData("console.log(`listening on ${host}:${port}`);")]
    [InlineData("const k = key + ':' + value;")]
    [InlineData("const a = `${host}:${path}`;")]
    public void V6005Negatives(string code)
    {
        Assert.DoesNotContain("V6005", Ids(code));
    }

    [Theory]
    [InlineData("const [host, port] = addr.split(':');")]
    [InlineData("const h = req.headers.host.split(':')[0];")]
    [InlineData("const [h, p] = target.split(':');")]
    [InlineData("const [serverHost, serverPort] = value.split(':');")]
    [InlineData("const i = address.indexOf(':');")]
    public void V6006Positives(string code)
    {
        Assert.Contains("V6006", Ids(code));
    }

    [Theory]
    [InlineData("const [h, m] = time.split(':');")]
    [InlineData("const [k, v] = line.split(':');")]
    [InlineData("const i = address.lastIndexOf(':');")]
    [InlineData("const parts = addr.split(',');")]
    public void V6006Negatives(string code)
    {
        Assert.DoesNotContain("V6006", Ids(code));
    }

    // ---------------- V6003 / V6004 ----------------

    [Theory]
    [InlineData("const http = require('http');\nhttp.get('http://10.0.0.5/health', cb);")]
    [InlineData("const Redis = require('ioredis');\nnew Redis({ host: '10.1.2.3' });")]
    [InlineData("const REDIS_URL = process.env.REDIS_URL || 'redis://10.0.0.7:6379';")]
    [InlineData("const net = require('net');\nnet.connect(6379, '192.168.1.20');")]
    [InlineData("fetch(`http://172.20.0.3:8080/api/${id}`);")]
    [InlineData("const metadataUrl = 'http://169.254.169.254/latest/meta-data/';")]
    public void V6003Positives(string code)
    {
        Assert.Contains("V6003", Ids(code));
    }

    [Theory]
    [InlineData("const version = '1.2.3.4';")]
    [InlineData("const netmask = '255.255.255.0';")]
    [InlineData("const http = require('http');\nhttp.get('http://127.0.0.1:8080/health', cb);")]
    [InlineData("app.listen(80, '::');\nconst note = 'see 10.0.0.1 in docs';")]
    [InlineData("console.log('connect to http://10.0.0.5/');")]
    [InlineData("const host = 'db.internal';\nnew Redis({ host });")]
    public void V6003Negatives(string code)
    {
        Assert.DoesNotContain("V6003", Ids(code));
    }

    [Fact]
    public void V6003InTestsHasLowConfidence()
    {
        const string code = "const Redis = require('ioredis');\nnew Redis({ host: '10.1.2.3' });";
        Assert.Equal(Confidence.High, Scan(code, "src/cache.js").Findings.Single().Confidence);
        Assert.Equal(Confidence.Low, Scan(code, "test/cache.js").Findings.Single().Confidence);
        Assert.Equal(Confidence.Low, Scan(code, "lib/cache.spec.ts").Findings.Single().Confidence);
    }

    [Fact]
    public void V6004PublicDialToLearnAddress()
    {
        const string code = "const dgram = require('dgram');\nfunction ip(cb) {\n  const s = dgram.createSocket('udp6');\n  s.connect(80, '8.8.8.8', () => cb(s.address().address));\n}";
        var ids = Ids(code);
        Assert.Contains("V6004", ids);
        Assert.DoesNotContain("V6003", ids);
        Assert.DoesNotContain("V6004", Ids("const net = require('net');\nnet.connect(80, '8.8.8.8');"));
    }

    // ---------------- V6008 ----------------

    [Theory]
    [InlineData("const net = require('net');\nif (!net.isIPv4(ip)) throw new Error('bad');")]
    [InlineData("import { isIPv4 } from 'node:net';\nconst ok = list.filter(a => isIPv4(a));")]
    [InlineData("const RE = /^(\\d{1,3}\\.){3}\\d{1,3}$/;\nif (!RE.test(x)) fail();")]
    [InlineData("const ok = /^(25[0-5]|2[0-4]\\d|[01]?\\d\\d?)\\.(25[0-5]|2[0-4]\\d|[01]?\\d\\d?)\\.(25[0-5]|2[0-4]\\d|[01]?\\d\\d?)\\.(25[0-5]|2[0-4]\\d|[01]?\\d\\d?)$/.test(ip);")]
    [InlineData("const re = new RegExp('^\\\\d{1,3}\\\\.\\\\d{1,3}\\\\.\\\\d{1,3}\\\\.\\\\d{1,3}$');")]
    [InlineData("const validator = require('validator');\nif (!validator.isIP(input, 4)) reject();")]
    public void V6008Positives(string code)
    {
        Assert.Contains("V6008", Ids(code));
    }

    [Theory]
    [InlineData("const net = require('net');\nif (net.isIPv4(ip) || net.isIPv6(ip)) ok();")]
    [InlineData("const net = require('net');\nconst family = net.isIPv4(ip) ? 4 : 6;")]
    [InlineData("const net = require('net');\nif (net.isIPv4(ip)) { a(); } else { b(); }")]
    [InlineData("const net = require('net');\nif (net.isIP(ip) === 0) fail();")]
    [InlineData("const masked = ip.replace(/(\\d{1,3}\\.){3}/, 'x.x.x.');")]
    [InlineData("const semver = /^(\\d+)\\.(\\d+)\\.(\\d+)$/;")]
    public void V6008Negatives(string code)
    {
        Assert.DoesNotContain("V6008", Ids(code));
    }

    // ---------------- precision on real-code shapes ----------------

    [Theory]
    [InlineData("function f(a) { if (net.isIPv6(a.host)) { return '[' + a.host + ']:' + a.port; } return a.host + ':' + a.port; }", "V6005")]
    [InlineData("function f(h) { if (h.host.includes(':')) return `[${h.host}]:${h.port}`; return `${h.host}:${h.port}`; }", "V6005")]
    [InlineData("function f(a) { const host = a.family === 'IPv6' ? `[${a.address}]` : a.address; return `http://${host}:${a.port}`; }", "V6005")]
    [InlineData("this.trace('connection from ' + remoteHost + ':' + remotePort);", "V6005")]
    [InlineData("class C { #trace(m) {} f(node) { this.#trace(`connect to ${node.host}:${node.port}`); } }", "V6005")]
    [InlineData("dbgMaintenance(`Connecting tmp client: ${host}:${port}`);", "V6005")]
    [InlineData("this.emit('error', new Error(`Master Client (${node.host}:${node.port}): failed`));", "V6005")]
    [InlineData("function h(host) { const offset = host[0] === '[' ? host.indexOf(']') + 1 : 0; return host.indexOf(':', offset); }", "V6006")]
    [InlineData("if (server.address().address.indexOf(':') === -1) { v4(); }", "V6006")]
    [InlineData("function hostname(host) { if (host[0] === '[') return host.slice(0, host.indexOf(']') + 1); return host.split(':', 1)[0]; }", "V6006")]
    [InlineData("const addrs = [{ address: '127.0.0.1', family: 4 }, { address: '::1', family: 6 }];", "V6007")]
    [InlineData("if (v.match(/^(\\d+\\.\\d+\\.\\d+)|(\\^\\d+\\.\\d+\\.\\d+)$/)) ok();", "V6008")]
    [InlineData("const cidr = { address: '10.0.0.0', prefix: 8 };", "V6003")]
    public void RealCodeNegatives(string code, string id)
    {
        Assert.DoesNotContain(id, Ids(code, "real.ts"));
    }

    // ---------------- suppression markers are ordinary comments ----------------

    [Fact]
    public void CommentsAreReported()
    {
        var r = Scan("// v6ready-ignore V6001 -- test\napp.listen(1, '0.0.0.0'); /* block\n comment */");
        Assert.Equal(2, r.Comments.Count);
        Assert.Equal(1, r.Comments[0].Line);
        Assert.Equal(2, r.Comments[1].Line);
        Assert.Equal(3, r.Comments[1].EndLine);
        var sup = Markers.Suppressions(r.Comments);
        Assert.True(Markers.IsSuppressed(sup, r.Findings.Single()));
    }

    [Fact]
    public void DetectsLanguageByExtension()
    {
        var fe = new JavaScriptFrontEnd();
        Assert.Equal("javascript", fe.Detect("a/b.mjs", null));
        Assert.Equal("typescript", fe.Detect("a/b.d.ts", null));
        Assert.Equal("typescript", fe.Detect("x.tsx", null));
        Assert.Null(fe.Detect("vendor/jquery.min.js", null));
        Assert.Null(fe.Detect("a.json", null));
        Assert.Equal("typescript", Scan("let x: number = 1;", "a.ts").Language);
    }
}
