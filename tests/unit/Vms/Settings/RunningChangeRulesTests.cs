using HvWeb.Engine.Model;
using HvWeb.Engine.Vms.Settings;

namespace HvWeb.Tests.Unit.Vms.Settings;

/// <summary>What a running VM takes and Hyper-V's sentence for what it does not (409).</summary>
public sealed class RunningChangeRulesTests
{
    private static readonly Guid AdapterId = Guid.Parse("0a0b0c0d-0e0f-4a1b-8c2d-3e4f5a6b7c8d");

    private static VmDefinition Vm(bool dynamic = false) => new()
    {
        Id = Guid.NewGuid(),
        Name = "web01",
        MemoryStartupMb = 1024,
        DynamicMemoryEnabled = dynamic,
        MemoryMinimumMb = 512,
        MemoryMaximumMb = 2048,
        Drives = [new DriveDefinition { Controller = ControllerType.Scsi, Location = 1, Kind = DriveKind.Dvd }],
        NetworkAdapters = [new NetworkAdapterDefinition { Id = AdapterId, MacAddress = "00-15-5D-01-02-03" }],
        CreatedUtc = DateTimeOffset.UnixEpoch,
        Folder = "/srv/vms/web01",
    };

    private static IReadOnlyDictionary<string, string[]> Refusals(VmDefinition old, VmUpdateRequest request, VmState state = VmState.Running, long? ceiling = 2048)
    {
        var refusals = new FieldErrors();
        RunningChangeRules.Check(old, VmUpdateMerge.Apply(old, request), state, ceiling, refusals);
        return refusals.ToDictionary();
    }

    [Fact]
    public void StaticMemory_WhileRunning_RefusedLikeHyperV() =>
        Assert.Equal(
            "The memory of 'web01' cannot be changed while it is running with static memory; turn it off first.",
            Refusals(Vm(), new VmUpdateRequest { MemoryStartupMb = 2048 })["memoryStartupMb"][0]);

    [Fact]
    public void BufferWeightNameNotesProcessorControls_WhileRunning_Accepted() =>
        Assert.Empty(Refusals(Vm(dynamic: true), new VmUpdateRequest
        {
            MemoryBufferPercent = 50, MemoryWeight = 9000, Name = "web02", Notes = "n",
            ProcessorLimitPercent = 50, ProcessorWeight = 500, AutomaticStopAction = AutomaticStopAction.TurnOff,
            IntegrationServices = new IntegrationServices { GuestServices = true }, CheckpointType = CheckpointType.Standard,
        }));

    [Fact]
    public void DynamicMemory_LowerMinimumAndRaiseMaximum_Accepted_OtherWayRefused()
    {
        Assert.Empty(Refusals(Vm(dynamic: true), new VmUpdateRequest { MemoryMinimumMb = 256, MemoryMaximumMb = 2048 }));
        var refused = Refusals(Vm(dynamic: true), new VmUpdateRequest { MemoryMinimumMb = 768, MemoryMaximumMb = 1536 });
        Assert.Contains("can only be lowered", refused["memoryMinimumMb"][0], StringComparison.Ordinal);
        Assert.Contains("can only be raised", refused["memoryMaximumMb"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void DvdMediaAndScsiDiskHotPlug_WhileRunning_Accepted()
    {
        var old = Vm();
        Assert.Empty(Refusals(old, new VmUpdateRequest
        {
            Drives = [old.Drives[0] with { Path = "/srv/iso/a.iso" }, new DriveDefinition { Controller = ControllerType.Scsi, Location = 2, Path = "/srv/d.qcow2" }],
        }));
    }

    [Fact]
    public void IdeDriveAndProcessorCount_WhileRunning_Refused()
    {
        var refused = Refusals(Vm(), new VmUpdateRequest
        {
            ProcessorCount = 2,
            Drives = [.. Vm().Drives, new DriveDefinition { Controller = ControllerType.Ide, Path = "/srv/d.qcow2" }],
        });
        Assert.Contains("processorCount", refused.Keys);
        Assert.Contains("IDE drives", refused["drives"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void AdapterLinkChange_WhileRunning_Accepted_AddRefused()
    {
        var old = Vm();
        Assert.Empty(Refusals(old, new VmUpdateRequest { NetworkAdapters = [old.NetworkAdapters[0] with { SwitchName = "sw", VlanId = 5 }] }));
        Assert.Contains("networkAdapters", Refusals(old, new VmUpdateRequest { NetworkAdapters = [.. old.NetworkAdapters, new NetworkAdapterDefinition { Id = Guid.NewGuid() }] }).Keys);
    }

    [Fact]
    public void Saved_RefusesHardwareButTakesName()
    {
        Assert.Empty(Refusals(Vm(), new VmUpdateRequest { Name = "x" }, VmState.Saved, null));
        Assert.Contains("in a saved state", Refusals(Vm(), new VmUpdateRequest { ProcessorCount = 2 }, VmState.Saved, null)["processorCount"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Off_TakesEverything() =>
        Assert.Empty(Refusals(Vm(), new VmUpdateRequest { ProcessorCount = 2, MemoryStartupMb = 2048, SecureBoot = true }, VmState.Off, null));
}
