using V6Ready.Core;
using V6Ready.Tests.Shared;

namespace V6Ready.JavaScript.Tests;

/// <summary>Values that come from other modules of the project (relative imports, require, JSON), through the project index.</summary>
public sealed class CrossFileTests : IDisposable
{
    private readonly TempProject _project = new("v6-js-xfile", TestUtil.FrontEnd);

    public void Dispose() => _project.Dispose();

    private void Write(string rel, string text) => _project.Write(rel, text);

    private List<Finding> Scan(string rel, bool index = true) => _project.Scan(rel, index);

    [Fact]
    public void A_host_from_a_commonjs_config_module_is_followed_and_the_message_says_where()
    {
        Write("config.js", "module.exports = {\n  host: '0.0.0.0',\n  port: 80,\n};\n");
        Write("server.js", "const cfg = require('./config');\nrequire('http').createServer(h).listen(cfg.port, cfg.host);\n");
        var f = Assert.Single(Scan("server.js"));
        Assert.Equal("V6001", f.RuleId);
        Assert.Equal(2, f.Line);
        Assert.Contains("(via config.js:2)", f.Message);
        Assert.Null(f.Fix); // the literal is in another file
        Assert.Empty(Scan("server.js", index: false)); // without the index the value stops at the file
    }

    [Fact]
    public void Named_and_default_es_exports_json_and_spread_defaults_are_followed()
    {
        Write("lib/defaults.json", "{ \"server\": { \"bind\": \"127.0.0.1\" } }");
        Write("lib/config.ts", "import defaults from './defaults.json';\nexport const HOST = '0.0.0.0';\nexport default { ...defaults.server, port: 1 };\n");
        Write("app.ts", "import cfg, { HOST } from './lib/config';\nimport express from 'express';\nconst app = express();\napp.listen(80, HOST);\napp.listen(81, cfg.bind);\n");
        var findings = Scan("app.ts").OrderBy(x => x.Line).ToList();
        Assert.Equal(["V6001@4", "V6002@5"], findings.Select(x => x.RuleId + "@" + x.Line).ToList());
        Assert.Contains("(via lib/config.ts:2)", findings[0].Message);
        Assert.Contains("(via lib/defaults.json:1)", findings[1].Message);
    }

    [Fact]
    public void Object_assign_later_wins_and_a_dual_stack_override_is_not_reported()
    {
        Write("config.js", "const base = { host: '0.0.0.0' };\nmodule.exports = Object.assign({}, base, { host: '::' });\n");
        Write("server.js", "const { host } = require('./config');\nrequire('net').createServer().listen(80, host);\n");
        Assert.Empty(Scan("server.js"));
    }

    [Fact]
    public void Import_cycles_missing_modules_and_broken_files_give_nothing_and_do_not_throw()
    {
        Write("a.js", "const b = require('./b');\nmodule.exports = { host: b.host };\n");
        Write("b.js", "const a = require('./a');\nmodule.exports = { host: a.host };\n");
        Write("broken.js", "module.exports = { host: '0.0.0.0' ");
        Write("server.js", "const a = require('./a');\nconst m = require('./missing');\nconst x = require('./broken');\nconst net = require('net');\nnet.createServer().listen(1, a.host);\nnet.createServer().listen(2, m.host);\nnet.createServer().listen(3, x.host);\n");
        var findings = Scan("server.js");
        Assert.DoesNotContain(findings, f => f.Line is 5 or 6);
    }

    [Fact]
    public void Values_are_followed_through_at_most_three_files()
    {
        Write("c3.js", "module.exports = { host: '0.0.0.0' };\n");
        Write("c2.js", "module.exports = { host: require('./c3').host };\n");
        Write("c1.js", "module.exports = { host: require('./c2').host };\n");
        Write("c0.js", "module.exports = { host: require('./c1').host };\n");
        Write("near.js", "require('net').createServer().listen(1, require('./c1').host);\n");
        Write("far.js", "require('net').createServer().listen(1, require('./c0').host);\n");
        Assert.Equal("V6001", Assert.Single(Scan("near.js")).RuleId);
        Assert.Empty(Scan("far.js"));
    }

    [Fact]
    public void A_package_name_is_not_a_relative_import()
    {
        Write("node_modules/config/index.js", "module.exports = { host: '0.0.0.0' };\n");
        Write("server.js", "const cfg = require('config');\nrequire('net').createServer().listen(1, cfg.host);\n");
        Assert.Empty(Scan("server.js"));
    }
}
