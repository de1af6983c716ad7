using System.Text.Json;
using HvWeb.Engine.Model;
using HvWeb.Engine.Model.Json;

namespace HvWeb.Tests.Unit.Qemu;

public sealed class VmJsonTests
{
    [Fact]
    public void Serialize_Vm_UsesCamelCaseStringEnumsAndVersionString()
    {
        var vm = TestVm.Create(VmGeneration.One, TestVm.Dvd(ControllerType.Ide, 1, 0)) with { Version = new ConfigurationVersion(5, 0) };

        var json = JsonSerializer.Serialize(vm, VmJson.Options);

        Assert.Contains("\"version\": \"5.0\"", json, StringComparison.Ordinal);
        Assert.Contains("\"generation\": \"One\"", json, StringComparison.Ordinal);
        Assert.Contains("\"kind\": \"Dvd\"", json, StringComparison.Ordinal);
        Assert.Contains("\"memoryStartupMb\": 1024", json, StringComparison.Ordinal);
    }

    [Fact]
    public void RoundTrip_Vm_IsEqual()
    {
        var vm = TestVm.Create(VmGeneration.Two, TestVm.Disk(ControllerType.Scsi, 0, 0, "/d.qcow2"));

        var back = JsonSerializer.Deserialize<VmDefinition>(JsonSerializer.Serialize(vm, VmJson.Options), VmJson.Options)!;

        Assert.Equal(vm.Drives, back.Drives);
        Assert.Equal(vm.BootOrder, back.BootOrder);
        Assert.Equal(vm.NetworkAdapters, back.NetworkAdapters);
        Assert.Equal(vm with { Drives = back.Drives, BootOrder = back.BootOrder, NetworkAdapters = back.NetworkAdapters }, back);
    }

    [Theory]
    [InlineData("\"9.0\"")]
    [InlineData("8")]
    public void Deserialize_UnsupportedVersion_ThrowsJsonException(string version)
    {
        var json = $$"""{"id":"{{TestVm.Id}}","name":"x","version":{{version}},"createdUtc":"2026-01-01T00:00:00Z","folder":"/v"}""";

        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<VmDefinition>(json, VmJson.Options));
    }
}
