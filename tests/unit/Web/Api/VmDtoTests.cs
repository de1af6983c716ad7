using System.Text.Json;
using HvWeb.Engine.Model;
using HvWeb.Tests.Unit.Web.Fakes;
using HvWeb.Web.Api.Contracts;

namespace HvWeb.Tests.Unit.Web.Api;

public sealed class VmDtoTests
{
    [Fact]
    public void Serialize_Snapshot_UsesApiShape()
    {
        var vm = new VmSnapshotBuilder().Named("web01").In(VmState.Running).Using(12.46, 256).UpFor(61)
            .WithDrives(new DriveDefinition { Controller = ControllerType.Ide, Path = "/srv/vms/web01/Virtual Hard Disks/web01.qcow2" })
            .Build();

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(VmDto.From(vm), ApiJson.Options));
        var root = json.RootElement;

        Assert.Equal(vm.Id, root.GetProperty("id").GetGuid());
        Assert.Equal("Running", root.GetProperty("state").GetString());
        Assert.Equal(1, root.GetProperty("generation").GetInt32());
        Assert.Equal("8.0", root.GetProperty("version").GetString());
        Assert.Equal(12.5, root.GetProperty("cpuUsage").GetDouble());
        Assert.Equal(256, root.GetProperty("memoryAssignedMb").GetInt64());
        Assert.Equal(61, root.GetProperty("uptimeSeconds").GetInt64());
        Assert.Equal("StartIfRunning", root.GetProperty("automaticStartAction").GetString());
        Assert.Equal("Save", root.GetProperty("automaticStopAction").GetString());
        Assert.Equal("Cd", root.GetProperty("bootOrder")[0].GetString());
        var drive = root.GetProperty("drives")[0];
        Assert.Equal("Ide", drive.GetProperty("controller").GetString());
        Assert.Equal("HardDisk", drive.GetProperty("kind").GetString());
        Assert.Equal(0, drive.GetProperty("controllerNumber").GetInt32());
        Assert.False(root.TryGetProperty("definition", out _));
    }

    [Fact]
    public void Deserialize_CreateRequest_ReadsGenerationNumberAndEnumNames()
    {
        var request = JsonSerializer.Deserialize<VmCreateRequest>(
            """{"name":"web01","generation":1,"version":"8.0","automaticStopAction":"ShutDown","bootOrder":["HardDrive"]}""", ApiJson.Options)!;

        Assert.Equal(VmGeneration.One, request.Generation);
        Assert.Equal(AutomaticStopAction.ShutDown, request.AutomaticStopAction);
        Assert.Equal([BootDevice.HardDrive], request.BootOrder);
    }
}
