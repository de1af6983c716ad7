using HvWeb.Engine.Host;

namespace HvWeb.Tests.E2e.Networking;

/// <summary>
/// A stand-in for a VM's adapter where only traffic matters: a namespace with one end of a veth
/// pair (the "guest" side, with an address) and the other end on the host to put in a bridge, as a
/// tap would be. Disposing removes both.
/// </summary>
internal sealed class FakeGuest : IAsyncDisposable
{
    private FakeGuest(string tag, string address)
    {
        Namespace = "hvtest-" + tag;
        HostSide = "hvfg" + tag + "h";
        GuestSide = "hvfg" + tag + "g";
        Address = address;
    }

    public string Namespace { get; }
    public string HostSide { get; }
    public string GuestSide { get; }
    public string Address { get; }

    public static async Task<FakeGuest> CreateAsync(string address, string mac, string bridge)
    {
        var guest = new FakeGuest(Random.Shared.Next(0x1000, 0xffff).ToString("x4", System.Globalization.CultureInfo.InvariantCulture), address);
        try
        {
            await TestNetwork.IpAsync("netns", "add", guest.Namespace);
            await TestNetwork.IpAsync("link", "add", guest.HostSide, "type", "veth", "peer", "name", guest.GuestSide);
            await TestNetwork.IpAsync("link", "set", guest.GuestSide, "netns", guest.Namespace);
            await guest.SetMacAsync(mac);
            await TestNetwork.IpAsync("-n", guest.Namespace, "address", "add", address + "/24", "dev", guest.GuestSide);
            await TestNetwork.IpAsync("-n", guest.Namespace, "link", "set", guest.GuestSide, "up");
            await TestNetwork.IpAsync("link", "set", guest.HostSide, "master", bridge);
            await TestNetwork.IpAsync("link", "set", guest.HostSide, "up");
            return guest;
        }
        catch
        {
            await guest.DisposeAsync();
            throw;
        }
    }

    /// <summary>What a guest that changes its MAC address does.</summary>
    public async Task SetMacAsync(string mac)
    {
        await TestNetwork.IpAsync("-n", Namespace, "link", "set", GuestSide, "down");
        await TestNetwork.IpAsync("-n", Namespace, "link", "set", GuestSide, "address", mac.Replace('-', ':'));
        await TestNetwork.IpAsync("-n", Namespace, "link", "set", GuestSide, "up");
        await TestNetwork.IpAsync("-n", Namespace, "neigh", "flush", "all");
    }

    public async Task<bool> PingsAsync(string address)
    {
        var result = await ProcessRunner.RunAsync("ip", ["netns", "exec", Namespace, "busybox", "ping", "-c", "2", "-W", "2", address], TimeSpan.FromSeconds(15), CancellationToken.None);
        return result.ExitCode == 0;
    }

    public async ValueTask DisposeAsync()
    {
        await ProcessRunner.RunAsync("ip", ["link", "delete", "dev", HostSide], TimeSpan.FromSeconds(10), CancellationToken.None);
        await ProcessRunner.RunAsync("nft", ["delete", "table", "bridge", "hvg-" + HostSide], TimeSpan.FromSeconds(10), CancellationToken.None);
        await ProcessRunner.RunAsync("ip", ["netns", "delete", Namespace], TimeSpan.FromSeconds(10), CancellationToken.None);
    }
}
