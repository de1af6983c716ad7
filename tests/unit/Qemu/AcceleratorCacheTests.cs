using HvWeb.Engine.Host;

namespace HvWeb.Tests.Unit.Qemu;

public sealed class AcceleratorCacheTests : IDisposable
{
    private readonly string _dataRoot = Directory.CreateTempSubdirectory("hvweb-cache-").FullName;

    public void Dispose() => Directory.Delete(_dataRoot, recursive: true);

    [Fact]
    public void Read_SameKey_ReturnsWrittenDecision()
    {
        var cache = new AcceleratorCache(_dataRoot);
        var key = AcceleratorCache.Key("7.2.22", "6.1.0-56-amd64", kvmPresent: true);
        cache.Write(key, new AcceleratorDecision(Accelerator.Tcg, "KVM probe failed: x; using TCG"), DateTimeOffset.UnixEpoch);

        Assert.Equal(new AcceleratorDecision(Accelerator.Tcg, "KVM probe failed: x; using TCG"), cache.Read(key));
        Assert.True(File.Exists(Path.Combine(_dataRoot, "host", "accelerator.json")));
    }

    [Fact]
    public void Read_OtherQemuVersion_ReturnsNull()
    {
        var cache = new AcceleratorCache(_dataRoot);
        cache.Write(AcceleratorCache.Key("7.2.22", "k", true), new AcceleratorDecision(Accelerator.Kvm, "ok"), DateTimeOffset.UnixEpoch);

        Assert.Null(cache.Read(AcceleratorCache.Key("8.0.0", "k", true)));
    }

    [Fact]
    public void Read_CorruptFile_ReturnsNull()
    {
        Directory.CreateDirectory(Path.Combine(_dataRoot, "host"));
        File.WriteAllText(Path.Combine(_dataRoot, "host", "accelerator.json"), "{ not json");

        Assert.Null(new AcceleratorCache(_dataRoot).Read("k"));
    }

    [Fact]
    public void Write_NoDataRoot_DoesNothing()
    {
        var cache = new AcceleratorCache("");
        cache.Write("k", new AcceleratorDecision(Accelerator.Kvm, "ok"), DateTimeOffset.UnixEpoch);

        Assert.Null(cache.Read("k"));
    }
}
