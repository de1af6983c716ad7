using HvWeb.Engine;
using HvWeb.Engine.Errors;
using HvWeb.Engine.Host;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace HvWeb.Tests.E2e.Qemu;

public sealed class AcceleratorProbeTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _dataRoot = new("hvp");

    public void Dispose() => _dataRoot.Dispose();

    [Fact]
    public async Task DecideAsync_TcgSetting_ChoosesTcgWithoutProbing()
    {
        var decision = await Probe(new EngineOptions { Accelerator = AcceleratorMode.Tcg, DataRoot = _dataRoot.Path }).DecideAsync(CancellationToken.None);

        Assert.Equal(new AcceleratorDecision(Accelerator.Tcg, "TCG forced by setting"), decision);
        Assert.False(Directory.Exists(Path.Combine(_dataRoot.Path, "host")));
    }

    [Fact]
    public async Task DecideAsync_NoGuestImages_FallsBackToTcgAndSaysWhy()
    {
        var options = new EngineOptions { DataRoot = _dataRoot.Path, GuestImagesFolder = _dataRoot.File("no-images") };

        var decision = await Probe(options).DecideAsync(CancellationToken.None);

        Assert.Equal(Accelerator.Tcg, decision.Accelerator);
        Assert.Contains(File.Exists("/dev/kvm") ? "guest images missing" : "/dev/kvm", decision.Reason, StringComparison.Ordinal);
    }

    [GuestImagesFact]
    public async Task DecideAsync_RealProbe_DecidesAndCachesTheAnswer()
    {
        var options = new EngineOptions { DataRoot = _dataRoot.Path, GuestImagesFolder = GuestImagesFactAttribute.Folder };

        var first = await Probe(options).DecideAsync(CancellationToken.None);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var second = await Probe(options).DecideAsync(CancellationToken.None);
        output.WriteLine($"{first.Accelerator}: {first.Reason}");

        Assert.Equal(first, second);
        Assert.False(string.IsNullOrWhiteSpace(first.Reason));
        if (File.Exists("/dev/kvm"))
        {
            Assert.True(File.Exists(Path.Combine(_dataRoot.Path, "host", "accelerator.json")));
        }

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), "the second decision should come from the cache");
        Assert.Empty(LeftoverProbeFolders());
    }

    [GuestImagesFact]
    public async Task DecideAsync_KvmSettingOnHostWhereKvmFails_Throws()
    {
        var auto = await Probe(new EngineOptions { GuestImagesFolder = GuestImagesFactAttribute.Folder }).DecideAsync(CancellationToken.None);
        if (auto.Accelerator == Accelerator.Kvm)
        {
            return; // KVM works on this host: nothing to refuse.
        }

        var options = new EngineOptions { Accelerator = AcceleratorMode.Kvm, GuestImagesFolder = GuestImagesFactAttribute.Folder };
        var error = await Assert.ThrowsAsync<VmOperationException>(() => Probe(options).DecideAsync(CancellationToken.None));

        Assert.StartsWith("KVM is required by the setting but is not usable", error.Message, StringComparison.Ordinal);
    }

    private static AcceleratorProbe Probe(EngineOptions options) =>
        new(options, NullLogger<AcceleratorProbe>.Instance, TimeProvider.System);

    private static IEnumerable<string> LeftoverProbeFolders() =>
        Directory.EnumerateDirectories(Path.GetTempPath(), "hvweb-kvm-probe-*");
}
