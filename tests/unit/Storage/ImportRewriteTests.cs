using System.Text;
using HvWeb.Engine.Model;
using HvWeb.Engine.Storage;

namespace HvWeb.Tests.Unit.Storage;

/// <summary>The imported records: absolute paths, the new folders, and for Copy a new ID, new adapter IDs and no dynamic MAC.</summary>
public sealed class ImportRewriteTests
{
    private static readonly Guid NewId = Guid.Parse("99999999-0000-0000-0000-000000000001");
    private static readonly Guid NewAdapter = Guid.Parse("99999999-0000-0000-0000-0000000000aa");

    private static ImportRewrite Copy(ImportLayout layout) => new(
        NewId,
        layout,
        recorded => recorded == "/iso/setup.iso" ? recorded : "/copies/web/Virtual Hard Disks/" + Path.GetFileName(recorded),
        new Dictionary<Guid, Guid> { [ImportTestData.DynamicAdapter] = NewAdapter, [ImportTestData.StaticAdapter] = Guid.NewGuid() },
        new Dictionary<string, string> { [ImportTestData.DynamicAdapter.ToString("D")] = "" },
        NewMacAddresses: true);

    [Fact]
    public void Apply_Copy_NewIdFolderAdaptersAndAbsolutePaths()
    {
        var layout = ImportLayout.Of(ImportTestData.Source(), new ImportRequest("/x.json", ImportType.Copy, VirtualMachineFolder: "/copies"), "/default", null);
        var vm = Copy(layout).Apply(ImportTestData.Vm());

        Assert.Equal((NewId, "web", "/copies/web", null), (vm.Id, vm.Name, vm.Folder, vm.CheckpointFileLocation));
        Assert.Equal($"/copies/web/Virtual Hard Disks/web_{ImportTestData.CheckpointId:D}.qcow2", vm.Drives[0].Path);
        Assert.Equal("/iso/setup.iso", vm.Drives[1].Path);
        var dynamic = vm.NetworkAdapters[0];
        Assert.Equal((NewAdapter, (string?)null, (string?)null), (dynamic.Id, dynamic.SwitchName, dynamic.MacAddress));
        var fixedMac = vm.NetworkAdapters[1];
        Assert.Equal(("lab", "00-15-5D-AA-BB-CC"), (fixedMac.SwitchName, fixedMac.MacAddress));
        Assert.NotEqual(ImportTestData.StaticAdapter, fixedMac.Id);
    }

    [Fact]
    public void Apply_Checkpoint_VmIdSettingsDisksAndMemoryStateFollow()
    {
        var layout = ImportLayout.Of(ImportTestData.Source(), new ImportRequest("/x.json", ImportType.Copy, VirtualMachineFolder: "/copies", CheckpointFolder: "/checkpoints"), "/default", null);
        var checkpoint = Copy(layout).Apply(ImportTestData.Checkpoint(ImportTestData.Vm()));

        Assert.Equal((ImportTestData.CheckpointId, NewId, NewId), (checkpoint.Id, checkpoint.VmId, checkpoint.Settings.Id));
        Assert.Equal("/checkpoints", checkpoint.Settings.CheckpointFileLocation);
        Assert.Equal("/copies/web/Virtual Hard Disks/web.qcow2", checkpoint.Disks.Single().Path);
        Assert.Equal("/copies/web/Virtual Hard Disks/web.qcow2", checkpoint.Settings.Drives[0].Path);
        Assert.Equal(NewAdapter, checkpoint.Settings.NetworkAdapters[0].Id);
    }

    [Fact]
    public void Layout_RestoreWithDefaults_HostFoldersAndTheVmsOwn()
    {
        var source = ImportTestData.Source();
        var layout = ImportLayout.Of(source, new ImportRequest("/x.json", ImportType.Restore), "/vms", "/disks");
        Assert.Equal(new ImportLayout("/vms/web", "/disks", "/vms/web/Snapshots", null, null), layout);

        var own = ImportLayout.Of(source, new ImportRequest("/x.json", ImportType.Restore, VirtualMachineFolder: "/elsewhere"), "/vms", "/disks");
        Assert.Equal("/elsewhere/web/Virtual Hard Disks", own.DisksFolder);
    }

    [Fact]
    public void Layout_RegisterInPlace_TheLocatedFolders()
    {
        var layout = ImportLayout.Of(ImportTestData.Source(), new ImportRequest("/x.json", ImportType.RegisterInPlace, VirtualMachineFolder: "/ignored"), "/vms", null);
        Assert.Equal(new ImportLayout("/exports/web", "/exports/web/Virtual Hard Disks", "/exports/web/Snapshots", null, null), layout);
    }

    [Fact]
    public void ReadConfiguration_VersionThisHostCannotRun_ReadAnywayAndReported()
    {
        var json = Encoding.UTF8.GetBytes($$"""{"schemaVersion":2,"id":"{{ImportTestData.VmId}}","name":"web","version":"9.0","createdUtc":"2026-11-20T08:00:00Z","folder":"."}""");
        var (vm, version, supported) = ImportSource.ReadConfiguration(json);
        Assert.Equal(("web", "9.0", false), (vm.Name, version, supported));
    }

    [Fact]
    public void ReadConfiguration_SchemaVersion1_Migrated()
    {
        var json = Encoding.UTF8.GetBytes($$"""{"id":"{{ImportTestData.VmId}}","name":"old","generation":"Two","version":"8.0","createdUtc":"2026-11-20T08:00:00Z","folder":"."}""");
        var (vm, _, supported) = ImportSource.ReadConfiguration(json);
        Assert.True(supported);
        Assert.Equal((2, true, 1), (vm.SchemaVersion, vm.LegacyDeviceSet, vm.ScsiControllerCount));
        Assert.Equal(VmGeneration.Two, vm.Generation);
    }
}
