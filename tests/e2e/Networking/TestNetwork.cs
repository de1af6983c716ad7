using System.Text.Json;
using HvWeb.Engine.Host;

namespace HvWeb.Tests.E2e.Networking;

/// <summary>
/// An "outside" network for a test: a namespace with one end of a veth pair (10.97.N.2/24) and the
/// other end in the host's namespace (10.97.N.1/24), which plays the physical network adapter.
/// Disposing removes the namespace, the veth pair and every bridge or tap the test registered,
/// whatever happened in the test.
/// </summary>
internal sealed class TestNetwork : IAsyncDisposable
{
    private readonly List<string> _links = [];

    private TestNetwork(int n)
    {
        var tag = Random.Shared.Next(0x1000, 0xffff).ToString("x4", System.Globalization.CultureInfo.InvariantCulture);
        Namespace = "hvtest-" + tag;
        HostNic = "hvtv" + tag + "a";
        OutsideNic = "hvtv" + tag + "b";
        HostAddress = $"10.97.{n}.1";
        OutsideAddress = $"10.97.{n}.2";
    }

    public string Namespace { get; }
    public string HostNic { get; }
    public string OutsideNic { get; }
    public string HostAddress { get; }
    public string OutsideAddress { get; }

    public static async Task<TestNetwork> CreateAsync()
    {
        var net = new TestNetwork(Random.Shared.Next(1, 250));
        try
        {
            await IpAsync("netns", "add", net.Namespace);
            await IpAsync("link", "add", net.HostNic, "type", "veth", "peer", "name", net.OutsideNic);
            await IpAsync("link", "set", net.OutsideNic, "netns", net.Namespace);
            await IpAsync("-n", net.Namespace, "address", "add", net.OutsideAddress + "/24", "dev", net.OutsideNic);
            await IpAsync("-n", net.Namespace, "link", "set", net.OutsideNic, "up");
            await IpAsync("-n", net.Namespace, "link", "set", "lo", "up");
            await IpAsync("address", "add", net.HostAddress + "/24", "dev", net.HostNic);
            await IpAsync("link", "set", net.HostNic, "up");
            return net;
        }
        catch
        {
            await net.DisposeAsync();
            throw;
        }
    }

    /// <summary>A bridge or tap to remove at the end even if the engine did not.</summary>
    public void Track(string link) => _links.Add(link);

    /// <summary>Whether the outside namespace gets an answer to one ping of the address.</summary>
    public async Task<bool> OutsidePingsAsync(string address)
    {
        var result = await ProcessRunner.RunAsync("ip", ["netns", "exec", Namespace, "busybox", "ping", "-c", "1", "-W", "2", address], TimeSpan.FromSeconds(10), CancellationToken.None);
        return result.ExitCode == 0;
    }

    public static async Task<JsonElement> LinkAsync(string link) =>
        JsonDocument.Parse(await IpAsync("-j", "-d", "link", "show", "dev", link)).RootElement[0].Clone();

    public static async Task<bool> ExistsAsync(string link) =>
        (await ProcessRunner.RunAsync("ip", ["link", "show", "dev", link], TimeSpan.FromSeconds(10), CancellationToken.None)).ExitCode == 0;

    public static async Task<string?> MasterOfAsync(string link) =>
        (await LinkAsync(link)).TryGetProperty("master", out var master) ? master.GetString() : null;

    public static async Task<List<string>> AddressesAsync(string link)
    {
        using var doc = JsonDocument.Parse(await IpAsync("-j", "-4", "address", "show", "dev", link));
        return [.. doc.RootElement.EnumerateArray().SelectMany(l => l.GetProperty("addr_info").EnumerateArray()).Select(a => $"{a.GetProperty("local").GetString()}/{a.GetProperty("prefixlen").GetInt32()}")];
    }

    public static async Task<string> IpAsync(params string[] arguments)
    {
        var result = await ProcessRunner.RunAsync("ip", arguments, TimeSpan.FromSeconds(10), CancellationToken.None);
        Assert.True(result.ExitCode == 0, $"ip {string.Join(' ', arguments)}: {result.StandardError}");
        return result.StandardOutput;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var link in _links.Append(HostNic))
        {
            await ProcessRunner.RunAsync("ip", ["link", "delete", "dev", link], TimeSpan.FromSeconds(10), CancellationToken.None);
        }

        await ProcessRunner.RunAsync("ip", ["netns", "delete", Namespace], TimeSpan.FromSeconds(10), CancellationToken.None);
    }
}
