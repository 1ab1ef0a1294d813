using V6Ready.Core;
using V6Ready.Core.Batch;
using V6Ready.Core.Scanning;
using V6Ready.TestSupport;

namespace V6Ready.Cli.Tests;

/// <summary>
/// Manifests and charts go to the service they deploy (README "Services in reports"), on samples laid out like
/// Online Boutique (samples/boutique) and Sock Shop's deploy folder (samples/sockshop), each scanned as a repository.
/// </summary>
public class ServiceAttributionTests
{
    private static (ScanReport Report, ServiceMatrix Matrix) ScanRepo(string name)
    {
        var root = Path.Combine(RepoPaths.RepoRoot()!, "samples", name);
        var (frontEnds, _) = FrontEndRegistry.Load(AppContext.BaseDirectory);
        var report = Scanner.Scan(new ScanOptions { Paths = new[] { root }, BaseDirectory = root, FrontEnds = frontEnds });
        report.Roots.Clear();
        report.Roots.Add(root);
        return (report, ServiceMatrix.Build(report));
    }

    private static Dictionary<string, string> ServiceOf(ScanReport report, ServiceMatrix m) =>
        m.Rows.SelectMany(r => r.Findings.Select(f => ($"{f.Path}:{f.Line}", r.Key.Service))).ToDictionary(x => x.Item1, x => x.Item2);

    [Fact]
    public void Online_boutique_manifests_and_chart_templates_go_to_the_src_service_they_deploy()
    {
        var (report, m) = ScanRepo("boutique");
        var of = ServiceOf(report, m);
        Assert.Equal("src/cartservice", of["kubernetes-manifests/cartservice.yaml:26"]);
        // redis-cart names no service folder: the file's name (cartservice.yaml) decides.
        Assert.Equal("src/cartservice", of["kubernetes-manifests/cartservice.yaml:54"]);
        Assert.Equal("src/frontend", of["kubernetes-manifests/frontend.yaml:24"]);
        // Chart defaults are reported at values.yaml: the top-level key's name (cartService.name) decides.
        Assert.Equal("src/cartservice", of["helm-chart/values.yaml:4"]);
        Assert.Equal("src/currencyservice", of["helm-chart/values.yaml:7"]);
        // services-currency.yaml's file name names nothing; the Service's name, resolved from values.yaml, does.
        Assert.Equal(3, m.Rows.Single(r => r.Key.Service == "src/currencyservice").Files);
        Assert.Equal("src/currencyservice", of["src/currencyservice/server.js:5"]);
        Assert.DoesNotContain(m.Rows, r => r.Key.Service == "." && r.Findings.Count > 0);
        var cart = m.Rows.Single(r => r.Key.Service == "src/cartservice");
        Assert.Equal(3, cart.Findings.Count);
        Assert.Equal(3, cart.Files); // its Dockerfile, its manifest, its chart template
    }

    [Fact]
    public void Sock_shop_deploy_files_give_one_row_per_deployed_service()
    {
        var (report, m) = ScanRepo("sockshop");
        var of = ServiceOf(report, m);
        Assert.Equal("carts", of["deploy/kubernetes/manifests/carts-dep.yaml:21"]);
        Assert.Equal("carts", of["deploy/kubernetes/manifests/carts-svc.yaml:6"]);
        Assert.Equal("front-end", of["deploy/kubernetes/manifests/front-end-svc.yaml:4"]);
        // complete-demo.yaml holds several services: each finding goes to its object's service.
        Assert.Equal("orders", of["deploy/kubernetes/complete-demo.yaml:6"]);
        Assert.Equal("payment", of["deploy/kubernetes/complete-demo.yaml:17"]);
        Assert.Equal("shipping", of["deploy/kubernetes/helm-chart/values.yaml:3"]);
        Assert.Equal(new[] { ".", "carts", "front-end", "orders", "payment", "shipping" }, m.Rows.Select(r => r.Key.Service).ToArray());
        // The all-in-one file is counted at the repository root, as it deploys several services.
        Assert.Empty(m.Rows.Single(r => r.Key.Service == ".").Findings);
    }

    [Fact]
    public void In_a_root_of_several_projects_the_nearest_service_folder_wins()
    {
        // samples/ scanned as one root holds shop/ and boutique/ side by side: shop's chart template frontend.yaml is
        // shop's frontend (shop/frontend-ts), not boutique/src/frontend, although only the latter's name is exact.
        var (report, m) = ScanRepo("");
        var of = ServiceOf(report, m);
        Assert.Equal("shop/frontend-ts", of["shop/helm/shop/templates/frontend.yaml:4"]);
        // boutique's own manifests still go to boutique's services
        Assert.Equal("boutique/src/frontend", of["boutique/kubernetes-manifests/frontend.yaml:24"]);
        Assert.Equal("boutique/src/cartservice", of["boutique/kubernetes-manifests/cartservice.yaml:26"]);
        Assert.DoesNotContain(m.Rows.Single(r => r.Key.Service == "boutique/src/frontend").Findings, f => f.Path.StartsWith("shop/", StringComparison.Ordinal));
    }
}
