using V6Ready.Core;
using V6Ready.Rules;

namespace V6Ready.Manifests.Rules;

/// <summary>
/// V6104 (bind an IPv4 address through command, args or env), V6203 (mongod --bind_ip), V6107 (cluster component CIDR
/// flags) over command lines and environment variables of containers (Kubernetes, compose, Dockerfile).
/// </summary>
public static class CommandRules
{
    private enum Runtime { Unknown, Ipv4OnlyOnWildcard, DualStackOnWildcard, Kestrel, Mongod, ClusterComponent }

    /// <summary>One row of rules/programs.json.</summary>
    /// <remarks>
    /// A row with <see cref="Rule"/> is a server whose listen addresses are a list given by <see cref="ListenFlags"/>
    /// (read by <see cref="ListenFlagRules"/>, reported under that rule instead of V6104).
    /// </remarks>
    public sealed record ProgramRow(string Id, IReadOnlyList<string> Names, bool DualStack, string? FixHostPort, string? FixHost, string Source)
    {
        /// <summary>The rule reported for this program's listen flags (null: the generic bind flags, V6104).</summary>
        public string? Rule { get; init; }
        /// <summary>Flags whose value is the listen address list: <c>-h</c>, <c>--listen</c>, <c>-c listen_addresses</c>.</summary>
        public IReadOnlyList<string> ListenFlags { get; init; } = Array.Empty<string>();
        /// <summary>Characters separating the entries of the list.</summary>
        public string ListSeparators { get; init; } = ",";
        /// <summary>Whether repeated flags add to the list (memcached) or the last one wins (postgres).</summary>
        public bool ListenFlagsAppend { get; init; }
        /// <summary>What replaces a 0.0.0.0 entry to listen on both families (null: no safe rewrite known).</summary>
        public string? FixList { get; init; }
        /// <summary>The verdict of a config reader used for the flag's value instead of the generic list verdict ("mysql": <see cref="MysqlRules.Judge"/>).</summary>
        public string? Verdict { get; init; }
        /// <summary>Container image names (without registry or tag) whose entrypoint runs this program with the container's args.</summary>
        public IReadOnlyList<string> Images { get; init; } = Array.Empty<string>();
        /// <summary>A client ("role": "client"): its address flags (mysql --bind-address) choose where it connects from, never a listener.</summary>
        public bool Client { get; init; }
    }

    private static readonly Lazy<IReadOnlyList<ProgramRow>> s_programs = new(LoadPrograms);

    /// <summary>The program table (rules/programs.json): which programs bind 0.0.0.0 as IPv4 only, and their fix.</summary>
    public static IReadOnlyList<ProgramRow> Programs => s_programs.Value;

    private static readonly Lazy<Dictionary<string, ProgramRow>> s_byName = new(() =>
    {
        var d = new Dictionary<string, ProgramRow>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in Programs) foreach (var n in row.Names) d.TryAdd(n, row);
        return d;
    });

    /// <summary>The row naming <paramref name="program"/>, or null.</summary>
    public static ProgramRow? Program(string? program) => program is not null && s_byName.Value.TryGetValue(program, out var r) ? r : null;

    private static IReadOnlyList<ProgramRow> LoadPrograms()
    {
        using var stream = typeof(CommandRules).Assembly.GetManifestResourceStream("V6Ready.Manifests.programs.json");
        if (stream is null) return Array.Empty<ProgramRow>();
        using var doc = System.Text.Json.JsonDocument.Parse(stream);
        var list = new List<ProgramRow>();
        foreach (var e in doc.RootElement.GetProperty("programs").EnumerateArray())
        {
            string? S(string n) => e.TryGetProperty(n, out var p) && p.ValueKind == System.Text.Json.JsonValueKind.String ? p.GetString() : null;
            var names = e.GetProperty("names").EnumerateArray().Select(x => x.GetString() ?? "").Where(x => x.Length > 0).ToList();
            var flags = e.TryGetProperty("listenFlags", out var lf) && lf.ValueKind == System.Text.Json.JsonValueKind.Array
                ? lf.EnumerateArray().Select(x => x.GetString() ?? "").Where(x => x.Length > 0).ToList() : new List<string>();
            list.Add(new ProgramRow(S("id") ?? "", names, S("wildcard") == "dual-stack", S("fixHostPort"), S("fixHost"), S("source") ?? "")
            {
                Rule = S("rule"),
                ListenFlags = flags,
                ListSeparators = S("listSeparators") ?? ",",
                ListenFlagsAppend = S("repeatedListenFlags") == "append",
                FixList = S("fixList"),
                Verdict = S("verdict"),
                Client = S("role") == "client",
                Images = e.TryGetProperty("images", out var im) && im.ValueKind == System.Text.Json.JsonValueKind.Array
                    ? im.EnumerateArray().Select(x => x.GetString() ?? "").Where(x => x.Length > 0).ToList() : Array.Empty<string>(),
            });
        }
        return list;
    }

    private static readonly HashSet<string> s_shells = new(StringComparer.OrdinalIgnoreCase) { "sh", "bash", "ash", "dash", "zsh", "busybox" };
    private static readonly HashSet<string> s_prefixes = new(StringComparer.OrdinalIgnoreCase) { "exec", "nohup", "env", "tini", "dumb-init", "gosu", "su-exec", "time", "--" };
    private static readonly HashSet<string> s_bindFlags = new(StringComparer.OrdinalIgnoreCase)
    {
        "host", "bind", "b", "listen", "listen-address", "listen-addr", "address", "addr", "bind-address", "bind-addr", "http-address",
        "http-addr", "web.listen-address", "urls", "server.address", "ip", "hostname", "H", "S", "server-host", "http-host", "grpc-address",
        "metrics-address", "metrics-bind-address", "health-probe-bind-address", "listen-host", "bind-host", "interface",
    };

    /// <summary>Analyzes a container's argv. <paramref name="programHint"/> names the program when the argv has no program (image entrypoint).</summary>
    public static void AnalyzeArgv(Ctx ctx, IReadOnlyList<Word> argv, string? programHint, bool argvHasProgram, int depth = 0)
    {
        if (argv.Count == 0 || depth > 4) return;
        var words = argv.ToList();
        var program = argvHasProgram ? null : programHint;
        var start = 0;
        if (argvHasProgram)
        {
            // Skip wrappers and VAR=value prefixes.
            while (start < words.Count && (s_prefixes.Contains(Base(words[start].Value)) || IsAssignment(words[start].Value))) start++;
            if (start >= words.Count) return;
            program = Base(words[start].Value);
            if (s_shells.Contains(program))
            {
                for (var k = start + 1; k < words.Count; k++)
                {
                    if (words[k].Value.StartsWith('-') && words[k].Value.Contains('c') && !words[k].Value.StartsWith("--") && k + 1 < words.Count)
                    {
                        // The script is a shell document of its own (heredocs, echo > file.conf, pipelines): an
                        // embedded region when it maps back to the host, else its command lines are read here.
                        var script = words[k + 1];
                        if (!script.FromValues && script.AsShellRegion?.Invoke($"{program} {words[k].Value}") == true) return;
                        AnalyzeShellString(ctx, script, depth);
                        return;
                    }
                }
                return;
            }
            start++;
            // python -m module …
            if (program.StartsWith("python", StringComparison.OrdinalIgnoreCase))
            {
                for (var k = start; k < words.Count; k++)
                {
                    if (words[k].Value == "-m" && k + 1 < words.Count) { program = words[k + 1].Value; start = k + 2; break; }
                    if (!words[k].Value.StartsWith('-')) break;
                }
            }
            if (program.Equals("dotnet", StringComparison.OrdinalIgnoreCase)) program = "dotnet";
        }
        // Servers with listen flags of their own (postgres -h, memcached -l): their rule, not the generic bind flags.
        if (ListenFlagRules.Analyze(ctx, words, start, program)) return;
        if (Program(program) is { Client: true }) return; // a client's address flags are its source address
        var runtime = Classify(program, words);
        ScanFlags(ctx, words, start, program, runtime);
        if (runtime == Runtime.Mongod) CheckMongoBindIpAll(ctx, words, start);
    }

    /// <summary>
    /// mongod's --bind_ip_all adds '::' only together with --ipv6 (server_options_server_helpers.cpp): alone it is
    /// IPv4-only. The fix appends --ipv6 after it.
    /// </summary>
    private static void CheckMongoBindIpAll(Ctx ctx, List<Word> words, int start)
    {
        if (words.Skip(start).Any(w => w.Value is "--ipv6" or "--ipv6=true")) return;
        var all = words.Skip(start).FirstOrDefault(w => w.Value == "--bind_ip_all");
        if (all is null) return;
        Fix? fix = null;
        TextEdit? edit = all.InsertAfter?.Invoke("--ipv6");
        if (edit is null && all.Container is not null && all.Raw is { } raw && all.Length == raw.Length)
            edit = new TextEdit(all.Start + all.Length, 0, " --ipv6");
        if (edit is not null && !all.FromValues) fix = new Fix("Add --ipv6 (--bind_ip_all binds '::' only with it)", FixSafety.Safe, new[] { edit });
        ctx.Report(RuleCatalog.V6203, all.Start, all.Length, fix, all.FromValues ? Confidence.Medium : Confidence.High,
            "'--bind_ip_all' without '--ipv6' (mongod adds '::' only when IPv6 is enabled)" + (all.FromValues ? ValuesNote : ""));
    }

    /// <summary>Analyzes a shell script held in one word (sh -c "…").</summary>
    public static void AnalyzeShellString(Ctx ctx, Word script, int depth = 0)
    {
        foreach (var command in Shell.Split(script.Value))
        {
            var words = command.Select(w => ShellWordToWord(ctx, script, w)).ToList();
            AnalyzeArgv(ctx, words, null, true, depth + 1);
        }
    }

    public static Word ShellWordToWord(Ctx ctx, Word container, ShellWord w)
    {
        var start = container.Start;
        var length = container.Length;
        var located = false;
        if (container.Raw is { } raw)
        {
            var at = raw.IndexOf(w.Raw, StringComparison.Ordinal);
            if (at >= 0 && raw.IndexOf(w.Raw, at + 1, StringComparison.Ordinal) < 0 && !raw.Contains('\\'))
            {
                start = container.Start + at;
                length = w.Raw.Length;
                located = true;
            }
        }
        var hostCanWrite = container.HostCanWrite;
        return new Word
        {
            AsShellRegion = !located || container.FromValues ? null : kind =>
            {
                Embedded.AddSpan(ctx, kind, "script.sh", "shell", w.Value, start, start + w.Raw.Length,
                    s => Embedded.ShellWordCanWrite(w.Raw, s) && (hostCanWrite?.Invoke(s) ?? true));
                return true;
            },
            Value = w.Value,
            Raw = w.Raw,
            Start = start,
            Length = length,
            FromShell = true,
            FromValues = container.FromValues,
            Replace = container.Replace is null ? null : (find, rep) => w.Raw.Contains(find, StringComparison.Ordinal) ? container.Replace(w.Raw, w.Raw.Replace(find, rep)) : null,
            ReplaceInContainer = container.Replace,
            Container = container,
        };
    }

    private static Runtime Classify(string? program, List<Word> words)
    {
        if (program is null) return Runtime.Unknown;
        var p = program.ToLowerInvariant();
        var row = Program(p);
        if (row is { Rule: not null }) return Runtime.Unknown; // read by its own listen flags (ListenFlagRules), not by HOST-like variables
        if (row is { DualStack: true } || words.Any(w => w.Value == "-jar")) return Runtime.DualStackOnWildcard;
        if (p.EndsWith("_exporter", StringComparison.Ordinal) || p.EndsWith("-exporter", StringComparison.Ordinal)) return Runtime.DualStackOnWildcard; // Prometheus exporters are Go programs
        if (p is "mongod") return Runtime.Mongod;
        if (p is "dotnet" || words.Any(w => w.Value.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))) return Runtime.Kestrel;
        if (p is "kubelet" or "kube-apiserver" or "kube-controller-manager" or "kube-proxy" or "kube-scheduler" or "k3s" or "rke2") return Runtime.ClusterComponent;
        if (row is { DualStack: false } || p.StartsWith("python", StringComparison.Ordinal) && words.Any(w => w.Value is "flask" or "uvicorn")) return Runtime.Ipv4OnlyOnWildcard;
        return Runtime.Unknown;
    }

    private static void ScanFlags(Ctx ctx, List<Word> words, int start, string? program, Runtime runtime)
    {
        for (var k = start; k < words.Count; k++)
        {
            var w = words[k];
            var v = w.Value;
            if (!v.StartsWith('-'))
            {
                // php -S 0.0.0.0:8000 and similar positional forms are handled through the flag before.
                continue;
            }
            string name;
            string? value;
            Word valueWord;
            var eq = v.IndexOf('=');
            var separate = false;
            if (eq > 0)
            {
                name = v[..eq].TrimStart('-');
                value = v[(eq + 1)..];
                valueWord = w;
            }
            else
            {
                name = v.TrimStart('-');
                if (k + 1 >= words.Count || words[k + 1].Value.StartsWith('-')) continue; // a switch without a value
                value = words[k + 1].Value;
                valueWord = words[k + 1];
                separate = true;
            }

            if (name is "bind_ip" or "bind-ip")
            {
                CheckMongoBindIp(ctx, w, valueWord, value, separate, runtime == Runtime.Mongod || program is null || program.Contains("mongo", StringComparison.OrdinalIgnoreCase),
                    words.Skip(start).Any(x => x.Value is "--ipv6" or "--ipv6=true"));
                if (separate) k++;
                continue;
            }
            if (name is "cluster-cidr" or "service-cluster-ip-range" or "node-ip")
            {
                if (Net.Families(value).SetEquals(new[] { 4 }))
                    ctx.Report(RuleCatalog.V6107, valueWord.Start, valueWord.Length, null, Confidence.High, $"'--{name}={value}' lists IPv4 only");
                if (separate) k++;
                continue;
            }
            if (JvmOptionRules.IsIpv4Flag(v))
            {
                JvmOptionRules.ReportFlag(ctx, w);
                continue;
            }
            if (!s_bindFlags.Contains(name)) continue;
            if (name is "S" && program is not "php") continue;
            if (name is "H" && program is not ("next" or "npx" or "yarn" or "npm" or "hugo")) continue;
            // Lowercase -h (the set ignores case) binds for flask run only; clients (psql, redis-cli, mysql) connect to it.
            if (name is "h" && program is not "flask") continue;
            if (name is "b" && program is not ("gunicorn" or "hypercorn" or "rails" or "puma")) continue;
            CheckBindValue(ctx, runtime, program, v[..(eq > 0 ? eq : v.Length)], value, valueWord);
            if (separate) k++;
        }
    }

    /// <summary>Checks a bind value (0.0.0.0, 0.0.0.0:8000, http://0.0.0.0:80, 127.0.0.1…) given to a program.</summary>
    private static void CheckBindValue(Ctx ctx, Runtime runtime, string? program, string flag, string value, Word valueWord)
    {
        foreach (var part in value.Split(';', ',', ' '))
        {
            if (part.Length == 0) continue;
            var (host, _, _) = Net.SplitHostPort(part);
            var wildcard = host == "0.0.0.0";
            var loopback = Net.IsLoopbackV4(host);
            if (!wildcard && !loopback) continue;
            if (wildcard && runtime is Runtime.DualStackOnWildcard or Runtime.ClusterComponent) continue; // Java, Go: a 0.0.0.0 bind is a dual-stack socket.
            // 127.0.0.1 given to a program V6Ready does not know may well be a client's target (mysql --host 127.0.0.1),
            // and inside a pod IPv4 loopback always exists: only known servers are judged.
            if (loopback && runtime is Runtime.Unknown or Runtime.DualStackOnWildcard or Runtime.ClusterComponent) continue;
            var (confidence, tail) = Describe(runtime, program);
            string? replacement = null;
            if (wildcard)
            {
                replacement = runtime switch
                {
                    Runtime.Kestrel when part.Contains("://", StringComparison.Ordinal) => "+",
                    // The program table's rewrite: for a host:port value, or for a bare host.
                    Runtime.Ipv4OnlyOnWildcard when Program(program) is { } row => part.Contains(':') ? row.FixHostPort : part == "0.0.0.0" ? row.FixHost : null,
                    _ => null,
                };
            }
            Fix? fix = null;
            if (replacement is not null && valueWord.Replace is not null)
            {
                var edit = BuildReplace(valueWord, "0.0.0.0", replacement);
                if (edit is not null) fix = new Fix($"Bind '{replacement}' (both families)", FixSafety.Safe, new[] { edit });
            }
            var shown = flag + (valueWord.Value.StartsWith(flag, StringComparison.Ordinal) ? valueWord.Value[flag.Length..] : " " + value);
            if (valueWord.FromValues) { confidence = confidence == Confidence.High ? Confidence.Medium : confidence; tail += ValuesNote; fix = null; }
            ctx.Report(RuleCatalog.V6104, valueWord.Start, valueWord.Length, fix, confidence, $"'{shown}'" + (program is null ? "" : $" ({program})") + tail);
            return;
        }
    }

    public const string ValuesNote = " (set via values — check the default in values.yaml)";

    private static TextEdit? BuildReplace(Word w, string find, string replacement)
    {
        if (w.Replace is null) return null;
        // In a shell word, '[::]' must be quoted (it is a glob pattern).
        // Double quotes when the word expands a variable ('[::]:$PORT' would not expand it).
        if (w.FromShell && replacement.Contains('[') && w.Raw is { } raw && !raw.StartsWith('\'') && !raw.StartsWith('"') && !raw.Contains('"') && !raw.Contains('\''))
            return raw.Contains('$') && !raw.Contains('\\') && !raw.Contains('`')
                ? w.ReplaceInContainer?.Invoke(raw, "\"" + raw.Replace(find, replacement) + "\"")
                : w.ReplaceInContainer?.Invoke(raw, "'" + raw.Replace(find, replacement) + "'");
        return w.Replace(find, replacement);
    }

    private static (Confidence, string) Describe(Runtime runtime, string? program) => runtime switch
    {
        // A script run by a generic interpreter decides itself what its flags mean.
        Runtime.Ipv4OnlyOnWildcard when program is "node" or "nodejs" or "npm" or "npx" or "yarn" or "ruby" =>
            (Confidence.Medium, $" ({program} binds 0.0.0.0 as IPv4 only, if the script passes the value to listen)"),
        Runtime.Ipv4OnlyOnWildcard or Runtime.Kestrel or Runtime.Mongod => (Confidence.High, ""),
        _ => (Confidence.Low, program is null
            ? " (the image's entrypoint is not a program V6Ready knows: check it, Java and Go treat 0.0.0.0 as dual-stack)"
            : $" ('{program}' is not a program V6Ready knows: check it, Java and Go treat 0.0.0.0 as dual-stack)"),
    };

    private static void CheckMongoBindIp(Ctx ctx, Word flag, Word valueWord, string value, bool separate, bool isMongo, bool hasIpv6)
    {
        if (!isMongo) return;
        var parts = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0) return;
        var v6 = parts.Any(p => p.Contains(':'));
        if (v6 && hasIpv6) return;
        if (!v6 && !parts.All(p => Net.IsIPv4(p) || p == "localhost")) return;
        if (!v6 && !parts.Any(Net.IsIPv4)) return;
        Fix? fix = null;
        const string title = "Use --bind_ip_all --ipv6 (IPv4 and IPv6)";
        if (value == "0.0.0.0")
        {
            if (!separate)
            {
                // --bind_ip=0.0.0.0: one word; in a shell string the switch can follow it, in a list it needs an item of its own.
                var e = hasIpv6 ? flag.Replace?.Invoke(flag.Value, "--bind_ip_all")
                    : flag.Container is not null ? flag.Replace?.Invoke(flag.Value, "--bind_ip_all --ipv6") : null;
                if (e is null && !hasIpv6 && flag.Container is null && flag.Replace?.Invoke(flag.Value, "--bind_ip_all") is { } e1 && flag.InsertAfter?.Invoke("--ipv6") is { } e2)
                    fix = new Fix(title, FixSafety.Safe, new[] { e1, e2 });
                else if (e is not null) fix = new Fix(title, FixSafety.Safe, new[] { e });
            }
            else if (flag.Container is not null && flag.Container == valueWord.Container && flag.Raw is { } fr && valueWord.Raw is { } vr)
            {
                var e = flag.ReplaceInContainer?.Invoke(fr + " " + vr, hasIpv6 ? "--bind_ip_all" : "--bind_ip_all --ipv6");
                if (e is not null) fix = new Fix(title, FixSafety.Safe, new[] { e });
            }
            else if (flag.Container is null && valueWord.Container is null)
            {
                // Two list items: the flag becomes --bind_ip_all and the value becomes --ipv6 (or goes).
                var e1 = flag.Replace?.Invoke(flag.Value, "--bind_ip_all");
                var e2 = hasIpv6 ? valueWord.Remove?.Invoke() : valueWord.Replace?.Invoke("0.0.0.0", "--ipv6");
                if (e1 is not null && e2 is not null) fix = new Fix(title, FixSafety.Safe, new[] { e1, e2 });
            }
        }
        if (flag.FromValues || valueWord.FromValues) fix = null;
        var what = v6 ? $"'--bind_ip {value}' without '--ipv6'" : $"'--bind_ip {value}'";
        ctx.Report(RuleCatalog.V6203, flag.Start, separate && flag.Container is null ? flag.Length : Math.Max(flag.Length, valueWord.Start + valueWord.Length - flag.Start),
            fix, valueWord.FromValues ? Confidence.Medium : Confidence.High, what + (valueWord.FromValues ? ValuesNote : ""));
    }

    // ---- environment ----------------------------------------------------------------------------------------------

    private static readonly HashSet<string> s_kestrelEnv = new(StringComparer.OrdinalIgnoreCase) { "ASPNETCORE_URLS", "DOTNET_URLS", "URLS" };
    private static readonly HashSet<string> s_bindEnv = new(StringComparer.OrdinalIgnoreCase)
    {
        "HOST", "HOSTNAME", "BIND", "BIND_ADDR", "BIND_ADDRESS", "LISTEN", "LISTEN_ADDR", "LISTEN_ADDRESS", "LISTEN_HOST", "BIND_HOST",
        "SERVER_HOST", "SERVER_ADDRESS", "HTTP_HOST", "APP_HOST", "WEB_HOST", "HTTP_BIND", "HTTP_ADDR",
    };

    /// <summary>Checks one environment variable of a container.</summary>
    public static void AnalyzeEnv(Ctx ctx, string name, Word value, string? programHint)
    {
        var v = value.Value.Trim();
        if (name.Equals("GUNICORN_CMD_ARGS", StringComparison.OrdinalIgnoreCase))
        {
            var words = Shell.Split(v).SelectMany(c => c).Select(w => ShellWordToWord(ctx, value, w)).ToList();
            words.Insert(0, new Word { Value = "gunicorn", Start = value.Start, Length = 0 });
            AnalyzeArgv(ctx, words, null, true);
            return;
        }
        if (JvmOptionRules.AnalyzeEnv(ctx, name, value)) return;
        if (s_kestrelEnv.Contains(name))
        {
            foreach (var url in v.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var (host, _, _) = Net.SplitHostPort(url);
                if (host == "0.0.0.0" || Net.IsLoopbackV4(host))
                {
                    var rep = host == "0.0.0.0" ? "+" : "localhost";
                    var edit = value.Replace?.Invoke(host, rep);
                    var fix = edit is null ? null : new Fix($"Use '{rep}' (both families)", FixSafety.Safe, new[] { edit });
                    ctx.Report(RuleCatalog.V6104, value.Start, value.Length, value.FromValues ? null : fix, value.FromValues ? Confidence.Medium : Confidence.High,
                        $"{name}={v} (Kestrel)" + (value.FromValues ? ValuesNote : ""));
                    return;
                }
            }
            return;
        }
        string? known = name.ToUpperInvariant() switch
        {
            "UVICORN_HOST" => "uvicorn",
            "FLASK_RUN_HOST" => "flask",
            _ => null,
        };
        if (known is null && !s_bindEnv.Contains(name) && !(name.EndsWith("_BIND_ADDRESS", StringComparison.OrdinalIgnoreCase) || name.EndsWith("_LISTEN_ADDRESS", StringComparison.OrdinalIgnoreCase) || name.EndsWith("_BIND_HOST", StringComparison.OrdinalIgnoreCase)))
            return;
        var (h, _, _) = Net.SplitHostPort(v);
        if (h != "0.0.0.0" && !(Net.IsLoopbackV4(h) && !name.Equals("HOSTNAME", StringComparison.OrdinalIgnoreCase))) return;
        var program = known ?? programHint;
        var runtime = Classify(program, new List<Word>());
        if (runtime is Runtime.DualStackOnWildcard or Runtime.ClusterComponent && h == "0.0.0.0") return;
        if (h != "0.0.0.0" && known is null && runtime is Runtime.Unknown or Runtime.DualStackOnWildcard or Runtime.ClusterComponent) return;
        var (confidence, tail) = Describe(runtime, program);
        // A generic variable (HOST, BIND…) only matters if the program reads it: never more than medium confidence.
        if (known is null && confidence == Confidence.High) confidence = Confidence.Medium;
        Fix? f = null;
        if (known is not null && v == "0.0.0.0")
        {
            var e = value.Replace?.Invoke("0.0.0.0", "::");
            if (e is not null) f = new Fix("Bind '::' (both families)", FixSafety.Safe, new[] { e });
        }
        if (value.FromValues) { confidence = confidence == Confidence.High ? Confidence.Medium : confidence; tail += ValuesNote; f = null; }
        ctx.Report(RuleCatalog.V6104, value.Start, value.Length, f, confidence, $"{name}={v}" + (program is null ? "" : $" ({program})") + tail);
    }

    /// <summary>The program a container image most likely runs, from its name (e.g. mongo → mongod).</summary>
    public static string? ProgramFromImage(string? image)
    {
        if (string.IsNullOrEmpty(image)) return null;
        var name = image;
        var at = name.IndexOf('@');
        if (at >= 0) name = name[..at];
        var slash = name.LastIndexOf('/');
        if (slash >= 0) name = name[(slash + 1)..];
        var colon = name.IndexOf(':');
        if (colon >= 0) name = name[..colon];
        name = name.ToLowerInvariant();
        if (name is "mongo" or "mongodb" or "mongodb-community-server" || name.EndsWith("-mongo") || name.StartsWith("mongo-") || name.EndsWith("-db") && image.Contains("mongo")) return "mongod";
        if (name is "redis" or "valkey" or "redis-stack-server") return "redis-server";
        if (Program(name) is { Rule: not null } server) return server.Names[0]; // postgres, memcached: the image runs the program of its name
        if (Programs.FirstOrDefault(r => r.Images.Contains(name)) is { } imageRow) return imageRow.Names[0]; // mysql, mariadb → mysqld
        if (name is "node" or "nodejs") return "node";
        if (Program(name) is { DualStack: true } row && !row.Names.Contains("java") || name.EndsWith("-exporter", StringComparison.Ordinal) || name.EndsWith("_exporter", StringComparison.Ordinal)) return "go";
        if (name.StartsWith("openjdk") || name.StartsWith("eclipse-temurin") || name.StartsWith("amazoncorretto") || name.StartsWith("java")) return "java";
        if (name.StartsWith("aspnet") || name is "dotnet" or "runtime") return "dotnet";
        return null;
    }

    public static string Base(string path)
    {
        var p = path.Trim();
        var slash = p.LastIndexOf('/');
        return slash >= 0 ? p[(slash + 1)..] : p;
    }

    private static bool IsAssignment(string w)
    {
        var eq = w.IndexOf('=');
        return eq > 0 && !w.StartsWith('-') && w[..eq].All(c => char.IsLetterOrDigit(c) || c == '_');
    }
}
