using Verify = V6Ready.Analyzers.Tests.Harness.Verifier;

namespace V6Ready.Analyzers.Tests;

public class V6009Tests
{
    private static Task Check(string markup) => Verify.VerifyAsync<V6009FirstAddressAnalyzer>(markup);

    [Fact]
    public Task FirstOfGetHostAddresses() => Check("""
        static IPAddress A(string host) => [|Dns.GetHostAddresses(host)[0]|];
        static async Task<IPAddress> B(string host) => [|(await Dns.GetHostAddressesAsync(host))[0]|];
        """);

    [Fact]
    public Task AddressList() => Check("""
        static IPAddress A(string host) => [|Dns.GetHostEntry(host).AddressList[0]|];
        """);

    [Fact]
    public Task ThroughLocalAndFirst() => Check("""
        static IPAddress A(string host) { var addresses = Dns.GetHostAddresses(host); return [|addresses[0]|]; }
        static IPAddress B(string host) => [|Dns.GetHostAddresses(host).First()|];
        """);

    [Fact]
    public Task InterNetworkFilters() => Check("""
        static IPAddress? A(string host) => Dns.GetHostAddresses(host).FirstOrDefault(a => [|a.AddressFamily == AddressFamily.InterNetwork|]);
        static IEnumerable<IPAddress> B(IPAddress[] all) => all.Where(a => [|a.AddressFamily == AddressFamily.InterNetwork|] && !IPAddress.IsLoopback(a));
        static IPAddress? C(IPAddress[] all) => Array.Find(all, a => [|AddressFamily.InterNetwork == a.AddressFamily|]);
        """);

    [Fact]
    public Task FamilyArgument() => Check("""
        static IPAddress[] A(string host) => Dns.GetHostAddresses(host, [|AddressFamily.InterNetwork|]);
        """);

    [Fact]
    public Task LoopingAndConnectingToAllDoNotFire() => Check("""
        static void A(string host)
        {
            var addresses = Dns.GetHostAddresses(host);
            foreach (var a in addresses) Console.WriteLine(a);
            using var s = new Socket(SocketType.Stream, ProtocolType.Tcp);
            s.Connect(addresses, 80);
        }
        """);

    [Fact]
    public Task BothFamiliesDoNotFire() => Check("""
        static IEnumerable<IPAddress> A(IPAddress[] all) =>
            all.Where(a => a.AddressFamily == AddressFamily.InterNetwork || a.AddressFamily == AddressFamily.InterNetworkV6);
        static IPAddress[] B(string host) => Dns.GetHostAddresses(host, AddressFamily.Unspecified);
        """);

    [Fact]
    public Task FamilyBranchesDoNotFire() => Check("""
        static string A(IPAddress a) => a.AddressFamily == AddressFamily.InterNetwork ? "v4" : "v6";
        static IOrderedEnumerable<IPAddress> B(IPAddress[] all) => all.OrderBy(a => a.AddressFamily == AddressFamily.InterNetwork ? 1 : 0);
        """);

    [Fact]
    public Task OtherArraysDoNotFire() => Check("""
        static string A(string[] args) => args[0];
        static IPAddress B(IPAddress[] configured) => configured[0];
        """);

    [Fact]
    public Task CountingDoesNotFire() => Check("""
        static int A(string host) => Dns.GetHostAddresses(host).Length;
        static bool B(string host) => Dns.GetHostAddresses(host).Any(a => a.AddressFamily == AddressFamily.InterNetwork);
        """);
}
