using System.Text;
using System.Text.Json;
using HvWeb.Engine.Host;
using HvWeb.Engine.Model;
using HvWeb.Engine.Qemu;
using HvWeb.Engine.Vms;

namespace HvWeb.Tests.Unit.Vms.Settings;

public sealed class MemoryAndMigrationTests
{
    private static VmDefinition Vm() => new()
    {
        Id = Guid.NewGuid(),
        Name = "web01",
        MemoryStartupMb = 1024,
        DynamicMemoryEnabled = true,
        MemoryMinimumMb = 512,
        MemoryMaximumMb = 4096,
        MemoryBufferPercent = 20,
        CreatedUtc = DateTimeOffset.UnixEpoch,
        Folder = "/srv/vms/web01",
    };

    [Theory]
    [InlineData(null, 1024)]   // no statistics yet: startup
    [InlineData(1000L, 1200)]  // demand + 20 %
    [InlineData(100L, 512)]    // at least the minimum
    [InlineData(4000L, 3072)]  // at most what QEMU was started with
    public void Target_DemandPlusBufferWithinMinMaxAndCeiling(long? demand, long expected) =>
        Assert.Equal(expected, MemoryBalancer.Target(Vm(), demand, ceilingMb: 3072));

    [Theory]
    [InlineData(500L, 1024, "OK")]
    [InlineData(1000L, 1024, "Low")]
    [InlineData(1100L, 1024, "Warning")]
    public void Status_HyperVWords(long demand, long assigned, string expected) =>
        Assert.Equal(expected, MemoryBalancer.Status(Vm(), demand, assigned));

    [Fact]
    public void DemandMb_FromGuestStats()
    {
        using var doc = JsonDocument.Parse("""{"stats":{"stat-total-memory":1073741824,"stat-available-memory":805306368},"last-update":17}""");
        Assert.Equal(256, VmManager.DemandMb(doc.RootElement));
        using var none = JsonDocument.Parse("""{"stats":{"stat-total-memory":-1},"last-update":0}""");
        Assert.Null(VmManager.DemandMb(none.RootElement));
    }

    [Fact]
    public void DynamicMemory_StartsWithRoomForTheMaximum_AtMostTheHost()
    {
        var context = new QemuLaunchContext { Accelerator = Accelerator.Tcg, SocketFolder = "/tmp/s", RuntimeFolder = "/tmp/r", HostMemoryMb = 2048 };
        Assert.Equal(2048, QemuCommandBuilder.MemoryMb(Vm(), context));
        Assert.Equal(1024, QemuCommandBuilder.MemoryMb(Vm() with { DynamicMemoryEnabled = false }, context));
    }

    [Theory]
    [InlineData("One", 0)]
    [InlineData("Two", 1)]
    public void SchemaVersion1_ScsiControllersByGeneration(string generation, int expected)
    {
        var json = $$"""{"id":"{{Guid.NewGuid()}}","name":"old","generation":"{{generation}}","createdUtc":"2026-01-01T00:00:00+00:00","folder":"/srv/old"}""";
        var vm = VmConfigMigration.Parse(Encoding.UTF8.GetBytes(json));
        Assert.Equal(expected, vm.ScsiControllerCount);
        Assert.Equal(2, vm.SchemaVersion);
        Assert.True(vm.LegacyDeviceSet, "a schema 1 VM keeps its old devices until it starts from Off");
        Assert.Empty(vm.NetworkAdapters);
        Assert.True(vm.IntegrationServices.Heartbeat);
    }

    [Fact]
    public void SchemaVersion1_Gen1WithScsiDrive_KeepsItsController()
    {
        var json = $$"""{"id":"{{Guid.NewGuid()}}","name":"old","generation":"One","drives":[{"controller":"Scsi","controllerNumber":1,"location":0,"path":"/d.qcow2"}],"createdUtc":"2026-01-01T00:00:00+00:00","folder":"/srv/old"}""";
        Assert.Equal(2, VmConfigMigration.Parse(Encoding.UTF8.GetBytes(json)).ScsiControllerCount);
    }

    [Fact]
    public void DerivedMac_IsHyperVsPrefixAndStable()
    {
        var vm = Guid.NewGuid();
        var adapter = Guid.NewGuid();
        var mac = MacAddresses.Derive(vm, adapter);
        Assert.Matches("^00-15-5D-[0-9A-F]{2}-[0-9A-F]{2}-[0-9A-F]{2}$", mac);
        Assert.Equal(mac, MacAddresses.Derive(vm, adapter));
        Assert.NotEqual(mac, MacAddresses.Derive(vm, Guid.NewGuid()));
    }

    [Fact]
    public void CpuMax_LimitIsAShareOfTheVmsProcessors()
    {
        Assert.Equal("max 100000", CpuControls.CpuMax(Vm()));
        Assert.Equal("100000 100000", CpuControls.CpuMax(Vm() with { ProcessorCount = 2, ProcessorLimitPercent = 50 }));
    }

    [Fact]
    public void CpuControls_WithoutCgroupV2_NotEnforcedWithTheReason()
    {
        var root = Directory.CreateTempSubdirectory("hvweb-cg-").FullName;
        try
        {
            var controls = CpuControls.Probe(root);
            Assert.False(controls.Enforced);
            Assert.Contains("not enforced on this host", controls.Reason, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
