using Verify = V6Ready.Analyzers.Tests.Harness.Verifier;

namespace V6Ready.Analyzers.Tests;

public class V6008Tests
{
    private static Task Check(string markup) => Verify.VerifyAsync<V6008Ipv4AddressAssumptionAnalyzer>(markup);

    [Fact]
    public Task AddressProperty() => Check("""
        #pragma warning disable CS0618
        static long Key(IPAddress ip) => [|ip.Address|];
        """);

    [Fact]
    public Task LongConstructor() => Check("""
        var ip = [|new IPAddress(0x0100007F)|];
        """);

    [Fact]
    public Task BitConverterOnAddressBytes() => Check("""
        static uint Key(IPAddress ip) => [|BitConverter.ToUInt32(ip.GetAddressBytes(), 0)|];
        static int Key2(IPAddress ip) { var b = ip.GetAddressBytes(); return [|BitConverter.ToInt32(b, 0)|]; }
        """);

    [Fact]
    public Task DottedQuadRegexes() => Check("""
        var a = Regex.IsMatch("x", [|@"^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$"|]);
        var b = new Regex([|@"^(\d{1,3}\.){3}\d{1,3}$"|]);
        var c = new Regex([|"^((25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)\\.){3}(25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)$"|]);
        """);

    [Fact]
    public Task ValidationAttribute() => Check("""
        class Peer
        {
            [System.ComponentModel.DataAnnotations.RegularExpression([|@"^\d{1,3}(\.\d{1,3}){3}$"|])]
            public string Address { get; set; } = "";
        }
        """);

    [Fact]
    public Task AddressFamilyAwareCodeDoesNotFire() => Check("""
        static bool Same(IPAddress a, IPAddress b) => a.Equals(b);
        static byte[] Bytes(IPAddress a) => a.GetAddressBytes();
        static bool Valid(string s) => IPAddress.TryParse(s, out _);
        """);

    [Fact]
    public Task OtherRegexesDoNotFire() => Check("""
        var version = new Regex(@"^\d+\.\d+\.\d+$");
        var date = Regex.IsMatch("x", @"^\d{4}-\d{2}-\d{2}$");
        var both = new Regex(@"^(\d{1,3}\.){3}\d{1,3}$|^[0-9a-fA-F:]+$");
        """);

    [Fact]
    public Task OtherAddressPropertiesDoNotFire() => Check("""
        static string A(IPEndPoint ep) => ep.Address.ToString();
        static object B(System.Net.Mail.MailAddress m) => m.Address;
        """);

    [Fact]
    public Task ByteArrayConstructorDoesNotFire() => Check("""
        var a = new IPAddress(new byte[] { 10, 0, 0, 1 });
        var b = new IPAddress(new byte[16]);
        """);

    [Fact]
    public Task BitConverterOnOtherBytesDoesNotFire() => Check("""
        static int A(byte[] data) => BitConverter.ToInt32(data, 0);
        """);
}

public class V6008GeneratedRegexTests
{
    [Fact]
    public Task GeneratedRegexAttribute() => Verify.VerifyAsync<V6008Ipv4AddressAssumptionAnalyzer>("""
        partial class Validators
        {
            [GeneratedRegex([|@"^(\d{1,3}\.){3}\d{1,3}$"|])]
            private static partial Regex ClientAddress();
            private static partial Regex ClientAddress() => new Regex("x");
        }
        """);
}
