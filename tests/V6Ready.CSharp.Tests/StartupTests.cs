using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using V6Ready.Core;
using V6Ready.TestSupport;
using CoreContext = V6Ready.Core.AnalysisContext;

namespace V6Ready.CSharp.Tests;

/// <summary>
/// What the start-up work (issue 17) must not change: the smaller reference set (facades nothing refers to left out)
/// and the warm-up that compiles nothing give the same findings as the full reference packs and a cold front end.
/// </summary>
public class StartupTests
{
    private static string Describe(FileResult r) => string.Join("\n", r.Findings
        .OrderBy(f => f.Line).ThenBy(f => f.Column).ThenBy(f => f.RuleId)
        .Select(f => $"{r.Path}:{f.RuleId}@{f.Line}:{f.Column}-{f.EndLine}:{f.EndColumn} {f.Message} " +
                     (f.Fix == null ? "-" : f.Fix.Title + " " + string.Join(";", f.Fix.Edits.Select(e => $"{e.Start}+{e.Length}={e.NewText}")))));

    private static byte[] Emit(string name, string source, params MetadataReference[] references)
    {
        var compilation = CSharpCompilation.Create(name, new[] { CSharpSyntaxTree.ParseText(source) },
            references.Concat(ReferenceAssemblies.Default), new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var stream = new MemoryStream();
        var emitted = compilation.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        return stream.ToArray();
    }

    [Fact]
    public void The_reference_packs_leave_out_facades_and_keep_every_assembly_that_defines_types()
    {
        var names = ReferenceAssemblies.Default.Select(r => Path.GetFileName(r.Display ?? "")).ToHashSet(StringComparer.OrdinalIgnoreCase);
        // Pure forwarders that no reference assembly refers to.
        Assert.DoesNotContain("mscorlib.dll", names);
        Assert.DoesNotContain("netstandard.dll", names);
        Assert.DoesNotContain("System.Runtime.Extensions.dll", names);
        // Assemblies with type definitions.
        Assert.Contains("System.Runtime.dll", names);
        Assert.Contains("System.Net.Primitives.dll", names);
        Assert.Contains("System.Net.Sockets.dll", names);
        Assert.Contains("Microsoft.AspNetCore.Server.Kestrel.Core.dll", names);

        var root = ReferenceAssemblies.CandidateRoots().FirstOrDefault(r => ReferenceAssemblies.FindRefDir(r, "Microsoft.NETCore.App.Ref") != null);
        Assert.NotNull(root);
        var all = ReferenceAssemblies.CreateReferences(Directory.EnumerateFiles(ReferenceAssemblies.FindRefDir(root!, "Microsoft.NETCore.App.Ref")!, "*.dll"), keepAllFacades: true);
        var kept = ReferenceAssemblies.CreateReferences(Directory.EnumerateFiles(ReferenceAssemblies.FindRefDir(root!, "Microsoft.NETCore.App.Ref")!, "*.dll"));
        Assert.Contains(all, r => Path.GetFileName(r.Display) == "mscorlib.dll");
        Assert.True(kept.Count < all.Count);
        Assert.Empty(kept.Select(r => Path.GetFileName(r.Display)).Except(all.Select(r => Path.GetFileName(r.Display))));
    }

    [Fact]
    public void A_facade_is_kept_when_a_kept_assembly_refers_to_it_and_its_forwarded_types_still_bind()
    {
        using var tree = new TempTree();
        // "Api" v1 defines Endpoint; "Client" is built against it. "Api" v2 is a facade that forwards Endpoint to "Core".
        var apiV1 = MetadataReference.CreateFromImage(Emit("Api", "namespace Shop { public class Endpoint { public System.Net.IPAddress Address; } }"));
        var coreBytes = Emit("Core", "namespace Shop { public class Endpoint { public System.Net.IPAddress Address; } }");
        var clientBytes = Emit("Client", "namespace Shop { public static class Client { public static Endpoint Default() => new Endpoint(); } }", apiV1);
        var coreRef = MetadataReference.CreateFromImage(coreBytes);
        var facadeBytes = Emit("Api", "[assembly: System.Runtime.CompilerServices.TypeForwardedTo(typeof(Shop.Endpoint))]", coreRef);
        var core = Path.Combine(tree.Root, "Core.dll");
        var client = Path.Combine(tree.Root, "Client.dll");
        var facade = Path.Combine(tree.Root, "Api.dll");
        File.WriteAllBytes(core, coreBytes);
        File.WriteAllBytes(client, clientBytes);
        File.WriteAllBytes(facade, facadeBytes);

        // Nothing refers to the facade: left out.
        Assert.Equal(new[] { "Core.dll" }, ReferenceAssemblies.CreateReferences(new[] { facade, core }).Select(r => Path.GetFileName(r.Display)));
        // Client refers to "Api": the facade stays, and Client's Endpoint resolves through it to Core's type.
        var refs = ReferenceAssemblies.CreateReferences(new[] { facade, core, client });
        Assert.Equal(new[] { "Api.dll", "Core.dll", "Client.dll" }, refs.Select(r => Path.GetFileName(r.Display)));

        var compilation = CSharpCompilation.Create("user",
            new[] { CSharpSyntaxTree.ParseText("class U { object A = Shop.Client.Default().Address; }") },
            refs.Concat(ReferenceAssemblies.Default.Where(r => !Path.GetFileName(r.Display ?? "").StartsWith("Api", StringComparison.Ordinal))),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void Findings_of_every_csharp_sample_are_the_same_with_all_facades_and_after_the_warm_up()
    {
        var repo = RepoPaths.RepoRoot();
        Assert.NotNull(repo);
        var docs = Directory.EnumerateFiles(Path.Combine(repo!, "samples"), "*", SearchOption.AllDirectories)
            .Where(p => p.EndsWith(".cs", StringComparison.Ordinal) || CSharpFrontEnd.IsConfigFile(p))
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => new SourceDocument(Path.GetRelativePath(repo!, p).Replace('\\', '/'), File.ReadAllText(p), p))
            .ToList();
        Assert.Contains(docs, d => d.Path.EndsWith(".cs", StringComparison.Ordinal));

        var root = ReferenceAssemblies.CandidateRoots().First(r => ReferenceAssemblies.FindRefDir(r, "Microsoft.NETCore.App.Ref") != null);
        var allPaths = new[] { "Microsoft.NETCore.App.Ref", "Microsoft.AspNetCore.App.Ref" }
            .Select(p => ReferenceAssemblies.FindRefDir(root, p)).OfType<string>()
            .SelectMany(d => Directory.EnumerateFiles(d, "*.dll"));
        var allFacades = ReferenceAssemblies.CreateReferences(allPaths, keepAllFacades: true);
        Assert.True(allFacades.Count > ReferenceAssemblies.Default.Count);

        var full = new CSharpFrontEnd(AnalyzerSet.Default, allFacades).AnalyzeMany(docs, new CoreContext());
        var warmed = new CSharpFrontEnd();
        warmed.WarmUp(CancellationToken.None);
        var small = warmed.AnalyzeMany(docs, new CoreContext());

        Assert.Equal(full.Select(Describe), small.Select(Describe));
        Assert.Equal(full.Select(r => string.Join("|", r.ParseErrors.Select(e => e.Message))), small.Select(r => string.Join("|", r.ParseErrors.Select(e => e.Message))));
        Assert.True(small.Sum(r => r.Findings.Count) > 10);
    }

    [Fact]
    public void A_cancelled_warm_up_and_a_file_that_does_not_parse_leave_the_other_files_findings()
    {
        using var tree = new TempTree();
        tree.Write("svc/svc.csproj", TempTree.WebCsproj);
        tree.Write("svc/Server.cs", "using System.Net;\nusing System.Net.Sockets;\nclass Server { TcpListener L() => new TcpListener(IPAddress.Any, 80); }\n");
        tree.Write("svc/Broken.cs", "class Broken { void M( { int x = ; }\n");
        var fe = new CSharpFrontEnd();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        fe.WarmUp(cancelled.Token);
        var results = fe.AnalyzeMany(new[] { tree.Doc("svc/Broken.cs"), tree.Doc("svc/Server.cs") }, new CoreContext());
        Assert.NotEmpty(results[0].ParseErrors);
        Assert.Contains(results[1].Findings, f => f.RuleId == "V6001");

        // A scan cancelled before the analysis throws, it does not return partial results.
        Assert.ThrowsAny<OperationCanceledException>(() =>
            fe.AnalyzeMany(new[] { tree.Doc("svc/Server.cs") }, new CoreContext { CancellationToken = cancelled.Token }));
    }

    [Fact]
    public void The_dotnet_on_PATH_is_followed_through_its_link_to_its_root()
    {
        if (OperatingSystem.IsWindows()) return; // symbolic links need privileges there
        var dir = Directory.CreateTempSubdirectory("v6-path-").FullName;
        try
        {
            var root = Directory.CreateDirectory(Path.Combine(dir, "sdk-root")).FullName;
            File.WriteAllText(Path.Combine(root, "dotnet"), "");
            var bin = Directory.CreateDirectory(Path.Combine(dir, "bin")).FullName;
            File.CreateSymbolicLink(Path.Combine(bin, "dotnet"), Path.Combine(root, "dotnet"));
            var empty = Directory.CreateDirectory(Path.Combine(dir, "empty")).FullName;
            var path = string.Join(Path.PathSeparator, empty, "", bin, Path.Combine(dir, "missing"));
            Assert.Equal([root], ReferenceAssemblies.RootsOnPath(path).ToList());
            Assert.Empty(ReferenceAssemblies.RootsOnPath(empty));
            Assert.Empty(ReferenceAssemblies.RootsOnPath(null));
        }
        finally { Directory.Delete(dir, true); }
    }
}
