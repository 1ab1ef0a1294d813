using System.Text;
using V6Ready.Cluster.Loading;
using V6Ready.Cluster.Model;

namespace V6Ready.Cluster.Tests;

public sealed class LoaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("v6cluster-load-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Typed_list_items_get_their_kind_back()
    {
        // kubectl get nodes -o json: a NodeList whose items may lack kind/apiVersion.
        var s = Snap.FromText("""{"apiVersion":"v1","kind":"NodeList","items":[{"metadata":{"name":"n1"},"spec":{"podCIDRs":["10.0.0.0/24"]}}]}""");
        var node = Assert.Single(s.Objects);
        Assert.Equal("Node", node.Kind);
        Assert.Equal("Node/n1", node.Path);
    }

    [Fact]
    public void Yaml_with_several_documents_lists_and_anchors_loads()
    {
        var yaml = """
            apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: Service
              metadata: {name: web, namespace: shop}
              spec: &spec
                ipFamilyPolicy: PreferDualStack
                ipFamilies: [IPv4, IPv6]
                clusterIPs: ["10.96.0.20", "fd00::20"]
            - apiVersion: v1
              kind: Service
              metadata:
                name: web2
                namespace: shop
              spec: *spec
            ---
            apiVersion: v1
            kind: Node
            metadata: {name: n1}
            ---
            # an empty document
            """;
        var s = Snap.FromText(yaml);
        Assert.Equal(new[] { "Service/shop/web", "Service/shop/web2", "Node/n1" }, s.Objects.Select(o => o.Path));
        Assert.Equal("fd00::20", s.Find("Service", "shop", "web2")!.Array("spec", "clusterIPs").Last().GetValue<string>());
    }

    [Fact]
    public void Yaml_scalars_keep_strings_and_read_numbers_and_booleans()
    {
        var s = Snap.FromText("kind: Pod\nmetadata: {name: p, namespace: a}\nspec:\n  hostNetwork: true\n  x: 0777\n  y: 12\n  z: 'true'\n");
        var pod = s.Objects[0];
        Assert.True(pod.Bool("spec", "hostNetwork"));
        Assert.Equal("0777", pod.Str("spec", "x"));
        Assert.Equal("12", pod.Str("spec", "y"));
        Assert.False(pod.Bool("spec", "z"));
    }

    [Fact]
    public void Folder_loads_json_and_yaml_and_reports_a_broken_file_without_stopping()
    {
        Write("a/nodes.json", K.List(K.DualNodes()));
        Write("b/svc.yaml", "apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec: {clusterIPs: [10.96.0.1]}\n");
        Write("b/broken.yaml", "kind: [unclosed\n");
        Write("notes.txt", "ignored");
        var s = SnapshotLoader.LoadPath(_dir, out var error);
        Assert.Null(error);
        Assert.Equal(3, s!.Objects.Count);
        Assert.Equal(2, s.FilesRead);
        var pe = Assert.Single(s.ParseErrors);
        Assert.Equal("b/broken.yaml", pe.Path);
        Assert.Contains("invalid YAML", pe.Message);
    }

    [Fact]
    public void Same_object_in_two_files_is_kept_once()
    {
        Write("one.json", K.List(K.Node("n1", new[] { "10.0.0.0/24" }, new[] { "10.1.0.1" })));
        Write("two.json", K.List(K.Node("n1", new[] { "10.0.0.0/24", "fd00::/64" }, new[] { "10.1.0.1" })));
        var s = SnapshotLoader.LoadPath(_dir, out _)!;
        var node = Assert.Single(s.Objects);
        Assert.Equal(2, node.Array("spec", "podCIDRs").Count());
    }

    [Theory]
    [InlineData("{\"kind\":\"List\",\"items\":[", "invalid JSON")]
    [InlineData("{\"kind\": \"List\", \"items\": [}]}", "invalid JSON")]
    [InlineData("kind: List\nitems: [\n", "invalid YAML")]
    [InlineData("a: b: c\n", "invalid YAML")]
    public void Malformed_file_gives_a_clear_error(string text, string expected)
    {
        var path = Write("bad.json", text);
        Assert.Null(SnapshotLoader.LoadPath(path, out var error));
        Assert.Contains(expected, error);
        Assert.Contains("bad.json", error);
    }

    [Fact]
    public void Binary_file_is_refused()
    {
        var path = Path.Combine(_dir, "blob.json");
        File.WriteAllBytes(path, new byte[] { 0x7b, 0x00, 0x01, 0xff, 0x00 });
        Assert.Null(SnapshotLoader.LoadPath(path, out var error));
        Assert.Contains("binary", error);
    }

    [Fact]
    public void Non_utf8_file_is_refused()
    {
        var path = Path.Combine(_dir, "latin1.yaml");
        File.WriteAllBytes(path, Encoding.Latin1.GetBytes("kind: Node\nmetadata: {name: caf\u00e9}\n"));
        Assert.Null(SnapshotLoader.LoadPath(path, out var error));
        Assert.Contains("UTF-8", error);
    }

    [Fact]
    public void Too_large_file_is_refused_before_reading()
    {
        var path = Write("big.json", K.List(K.DualNodes()));
        Assert.Null(SnapshotLoader.LoadPath(path, out var error, new LoaderLimits { MaxFileBytes = 100 }));
        Assert.Contains("limit", error);
    }

    [Fact]
    public void Deeply_nested_json_is_refused_without_crashing()
    {
        var path = Write("deep.json", new string('[', 100_000) + new string(']', 100_000));
        Assert.Null(SnapshotLoader.LoadPath(path, out var error));
        Assert.Contains("nested deeper", error);
    }

    [Fact]
    public void Deeply_nested_yaml_is_refused_without_crashing()
    {
        var flow = Write("deep-flow.yaml", "a: " + new string('[', 50_000) + new string(']', 50_000) + "\n");
        Assert.Null(SnapshotLoader.LoadPath(flow, out var error));
        Assert.Contains("nested deeper", error);

        var sb = new StringBuilder();
        for (var i = 0; i < 1000; i++) sb.Append(' ', i).Append("k").Append(i).Append(":\n");
        var block = Write("deep-block.yaml", sb.ToString());
        Assert.Null(SnapshotLoader.LoadPath(block, out error));
        Assert.Contains("nested deeper", error);
    }

    [Fact]
    public void Yaml_alias_bomb_is_bounded()
    {
        var sb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 10; i++)
            sb.Append($"a{i}: &a{i} [" + string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10)) + "]\n");
        var path = Write("bomb.yaml", sb.ToString());
        Assert.Null(SnapshotLoader.LoadPath(path, out var error));
        Assert.Contains("too many nodes", error);
    }

    [Fact]
    public void Missing_path_and_empty_folder_are_clear_errors()
    {
        Assert.Null(SnapshotLoader.LoadPath(Path.Combine(_dir, "nope.json"), out var error));
        Assert.Contains("does not exist", error);
        Directory.CreateDirectory(Path.Combine(_dir, "empty"));
        Assert.Null(SnapshotLoader.LoadPath(Path.Combine(_dir, "empty"), out error));
        Assert.Contains("no .json, .yaml or .yml files", error);
    }

    [Fact]
    public void Items_without_kind_or_name_are_skipped_with_a_warning()
    {
        var s = new ClusterSnapshot();
        Assert.True(SnapshotLoader.LoadText("""{"kind":"List","items":[{"kind":"Pod"},{"metadata":{"name":"x"}},42]}""", "x.json", s));
        Assert.Empty(s.Objects);
        Assert.Equal(3, s.Warnings.Count(w => w.Contains("skipped")));
    }

    [Fact]
    public void Secrets_are_dropped_and_other_configmap_data_is_removed()
    {
        var s = Snap.FromText(K.List(
            """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"db","namespace":"a"},"data":{"password":"aHVudGVyMg=="}}""",
            K.ConfigMap("a", "settings", "app.ini", "password=hunter2"),
            K.KubeProxy("10.0.0.0/16")));
        Assert.Null(s.Find("Secret", "a", "db"));
        Assert.Contains(s.Warnings, w => w.Contains("Secret"));
        Assert.Null(s.Find("ConfigMap", "a", "settings")!.Node("data", "app.ini"));
        Assert.NotNull(s.Find("ConfigMap", "kube-system", "kube-proxy")!.Str("data", "config.conf"));
    }
}

public class LoaderEdgeTests
{
    [Fact]
    public void Duplicate_json_keys_do_not_crash()
    {
        var s = new ClusterSnapshot();
        SnapshotLoader.LoadText("""{"kind":"List","items":[{"kind":"Node","metadata":{"name":"a","name":"b"},"spec":{"podCIDRs":["10.0.0.0/24"],"podCIDRs":["fd00::/64"]}}]}""", "dup.json", s);
        var error = Assert.Single(s.ParseErrors);
        Assert.Contains("invalid JSON", error.Message);
        Assert.Contains("name", error.Message);
        Assert.Empty(s.Objects);
    }
}
