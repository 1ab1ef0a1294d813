using static V6Ready.JavaScript.Tests.TestUtil;

namespace V6Ready.JavaScript.Tests;

/// <summary>Node libraries as rows of rules/models/node.json: a positive and a dual-stack negative for each.</summary>
public class ModelRowTests
{
    [Theory]
    [InlineData("import { NestFactory } from '@nestjs/core';\nasync function boot() { const app = await NestFactory.create(AppModule); await app.listen(3000, '0.0.0.0'); }", "V6001")]
    [InlineData("const Koa = require('koa');\nconst app = new Koa();\napp.listen(3000, '0.0.0.0');", "V6001")]
    [InlineData("const Koa = require('koa');\nconst app = new Koa();\napp.listen({ port: 3000, host: '127.0.0.1' });", "V6002")]
    [InlineData("import Fastify from 'fastify';\nconst f = Fastify();\nawait f.listen({ port: 3000, host: '127.0.0.1' });", "V6002")]
    [InlineData("const Hapi = require('@hapi/hapi');\nconst s = Hapi.server({ port: 3000, address: '0.0.0.0', host: 'api.example.com' });", "V6001")]
    [InlineData("const dgram = require('dgram');\nconst s = dgram.createSocket({ type: 'udp4' });", "V6007")]
    [InlineData("const dns = require('dns');\ndns.resolve(name, 'A', cb);", "V6009")]
    public void Positive(string code, string rule) => Assert.Contains(rule, Ids(code));

    [Theory]
    [InlineData("import { NestFactory } from '@nestjs/core';\nasync function boot() { const app = await NestFactory.create(AppModule); await app.listen(3000); }")]
    [InlineData("import { NestFactory } from '@nestjs/core';\nasync function boot() { const app = await NestFactory.create(AppModule); await app.listen(3000, '::'); }")]
    [InlineData("const Koa = require('koa');\nconst app = new Koa();\napp.listen(3000);")]
    [InlineData("import Fastify from 'fastify';\nconst f = Fastify();\nawait f.listen({ port: 3000, host: 'localhost' });")]
    [InlineData("import Fastify from 'fastify';\nconst f = Fastify();\nawait f.listen({ port: 3000 });")]
    [InlineData("const Hapi = require('@hapi/hapi');\nconst s = Hapi.server({ port: 3000, address: '::', host: '0.0.0.0' });")]
    [InlineData("const dgram = require('dgram');\nconst s = dgram.createSocket({ type: 'udp6' });")]
    [InlineData("const dns = require('dns');\ndns.resolve(name, 'AAAA', cb);")]
    [InlineData("const dns = require('dns');\ndns.lookup(name, 0, cb);")]
    public void Negative(string code) => Assert.Empty(Ids(code));

    [Fact]
    public void A_localhost_listen_is_low_confidence_for_Node_but_not_reported_for_Fastify()
    {
        var node = Scan("const http = require('http');\nhttp.createServer(h).listen(80, 'localhost');").Findings;
        Assert.Equal(V6Ready.Rules.Confidence.Low, Assert.Single(node).Confidence);
    }
}
