using V6Ready.Core;
using V6Ready.TestSupport;
using V6Ready.Rules;

namespace V6Ready.Python.Tests;

/// <summary>Module-level values of other modules of the repository (settings modules), through the project index.</summary>
public sealed class CrossFileTests : IDisposable
{
    private readonly TempTree _tree = new("v6-py-xfile");

    public void Dispose() => _tree.Dispose();

    private void Write(string rel, string text) => _tree.Write(rel, text);

    private List<Finding> Scan(string rel, bool index = true)
    {
        var result = _tree.Analyze(new PythonFrontEnd(), rel, index);
        Assert.Empty(result.ParseErrors);
        return result.Findings;
    }

    private static List<string> Ids(IEnumerable<Finding> fs) => fs.Select(f => f.RuleId + "@" + f.Line).OrderBy(x => x, StringComparer.Ordinal).ToList();

    [Fact]
    public void A_settings_constant_reaches_flask_run_and_the_message_says_where()
    {
        Write("shop/settings.py", "import os\n\nHOST = '0.0.0.0'\nPORT = 8080\n");
        Write("shop/app.py", "from flask import Flask\nimport settings\n\napp = Flask(__name__)\napp.run(host=settings.HOST, port=settings.PORT)\n");
        var f = Assert.Single(Scan("shop/app.py"));
        Assert.Equal("V6001", f.RuleId);
        Assert.Contains("(via shop/settings.py:3)", f.Message);
        Assert.Null(f.Fix); // the literal is in another file: no rewrite here
        Assert.Empty(Scan("shop/app.py", index: false));
    }

    [Fact]
    public void A_tree_scanned_from_another_folder_still_resolves_its_modules()
    {
        // `v6ready scan /src/shop` run in /tmp: the index's base folder (where the command ran) is not an ancestor of the
        // tree, so the lookup's edge is the scanned root (it used to stop at once and miss the settings module).
        Write("shop/settings.py", "HOST = '0.0.0.0'\n");
        Write("shop/app.py", "from flask import Flask\nimport settings\n\napp = Flask(__name__)\napp.run(host=settings.HOST)\n");
        var elsewhere = Directory.CreateDirectory(Path.Combine(_tree.Root, "..", Path.GetFileName(_tree.Root) + "-cwd")).FullName;
        try
        {
            var full = Path.Combine(_tree.Root, "shop", "app.py");
            var doc = new SourceDocument("shop/app.py", File.ReadAllText(full), full);
            FileResult Run(IReadOnlyList<string> roots) => new PythonFrontEnd().Analyze(doc,
                new AnalysisContext { Index = new Core.Index.ProjectIndex(elsewhere) { Roots = roots } });
            Assert.Equal(["V6001@5"], Ids(Run([_tree.Root]).Findings));
            Assert.Equal(["V6001@5"], Ids(Run([full]).Findings)); // a file given as the root counts by its folder
            Assert.Empty(Run([]).Findings); // no root known and the base folder elsewhere: outside the scan
        }
        finally { Directory.Delete(elsewhere, true); }
    }

    [Fact]
    public void From_imports_relative_imports_aliases_and_packages_are_followed()
    {
        Write("svc/config/__init__.py", "LISTEN = '127.0.0.1'\n");
        Write("svc/config/db.py", "import os\nAPI_URL = os.environ.get('API_URL', 'http://10.0.0.5:8080/v1')\n");
        Write("svc/server.py",
            "import socket\nimport uvicorn\nimport requests\nfrom .config import LISTEN as ADDR\nfrom .config import db\nimport svc.config.db as dbconf\n\n" +
            "uvicorn.run('svc.app:app', host=ADDR)\n" +
            "requests.get(db.API_URL)\n" +
            "requests.get(dbconf.API_URL)\n");
        var fs = Scan("svc/server.py");
        Assert.Equal(new[] { "V6002@8", "V6003@10", "V6003@9" }, Ids(fs));
        Assert.All(fs.Where(f => f.RuleId == "V6003"), f => Assert.Equal(Confidence.Medium, f.Confidence)); // an environment default
        Assert.Contains("(via svc/config/db.py:2)", fs.First(f => f.RuleId == "V6003").Message);
    }

    [Fact]
    public void Pydantic_settings_instances_class_attributes_star_reexports_and_fstrings()
    {
        Write("app/core/config.py",
            "from pydantic_settings import BaseSettings\n\nclass Settings(BaseSettings):\n    host: str = '0.0.0.0'\n    port: int = 8000\n\nsettings = Settings()\n\n" +
            "class Legacy:\n    BIND = '0.0.0.0'\n");
        Write("app/core/__init__.py", "from .config import *\n");
        Write("app/main.py",
            "import uvicorn\nfrom app.core import settings\nfrom app.core.config import Legacy\nfrom aiohttp import web\n\n" +
            "uvicorn.run('app.main:app', host=settings.host, port=settings.port)\n" +
            "web.run_app(web.Application(), host=Legacy.BIND)\n");
        Write("app/gunicorn.conf.py", "from app.core.config import settings\nbind = f'{settings.host}:{settings.port}'\n");
        var fs = Scan("app/main.py");
        Assert.Equal(new[] { "V6001@6", "V6001@7" }, Ids(fs));
        Assert.Equal(Confidence.Medium, fs.Single(f => f.Line == 6).Confidence); // BaseSettings: the environment may override it
        Assert.Contains("(via app/core/config.py:4)", fs.Single(f => f.Line == 6).Message);
        Assert.Equal(Confidence.High, fs.Single(f => f.Line == 7).Confidence);
        Assert.Equal(new[] { "V6001@2" }, Ids(Scan("app/gunicorn.conf.py")));
    }

    [Fact]
    public void Dual_stack_values_unknown_names_cycles_and_installed_packages_stay_quiet()
    {
        Write("a/settings.py", "HOST = '::'\nOTHER = get_host()\nPEER = '0.0.0.0' if DEBUG else '::'\n");
        Write("a/loop1.py", "from loop2 import HOST\n");
        Write("a/loop2.py", "from loop1 import HOST\n");
        Write("a/app.py",
            "from flask import Flask, request\nimport settings\nfrom loop1 import HOST as LOOPED\nimport requests\n\napp = Flask(__name__)\n" +
            "app.run(host=settings.HOST)\napp.run(host=settings.OTHER)\napp.run(host=settings.PEER)\napp.run(host=LOOPED)\n" +
            "app.run(host=settings.MISSING)\napp.run(host=request.host)\nrequests.get(requests.compat.quote('x'))\n");
        Assert.Empty(Scan("a/app.py"));
    }

    [Fact]
    public void A_local_assignment_or_parameter_shadows_the_import()
    {
        Write("b/settings.py", "HOST = '0.0.0.0'\n");
        Write("b/app.py", "from flask import Flask\nimport settings\nfrom settings import HOST\n\napp = Flask(__name__)\n\n" +
                          "def serve(settings):\n    app.run(host=settings.HOST)\n\ndef other():\n    HOST = '::'\n    app.run(host=HOST)\n");
        Assert.Empty(Scan("b/app.py"));
    }

    [Fact]
    public void A_broken_or_binary_settings_module_gives_nothing_and_no_crash()
    {
        Write("c/settings.py", "HOST = '0.0.0.0\nclass (:\n");
        File.WriteAllBytes(Path.Combine(_tree.Root, "c/binary.py"), new byte[] { 0x48, 0x00, 0x01, 0x02 });
        Write("c/app.py", "from flask import Flask\nimport settings\nimport binary\n\napp = Flask(__name__)\napp.run(host=settings.HOST)\napp.run(host=binary.HOST)\n");
        // the broken module is read as far as it parses; the binary one is not read
        Assert.DoesNotContain(Scan("c/app.py"), f => f.Line == 7);
    }
}
