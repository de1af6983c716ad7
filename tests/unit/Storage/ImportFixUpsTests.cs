using HvWeb.Engine.Storage;

namespace HvWeb.Tests.Unit.Storage;

/// <summary>Compare-VM's fix-ups from a parsed configuration, the files as found and a host's switch list.</summary>
public sealed class ImportFixUpsTests
{
    private static readonly ImportSource Source = ImportTestData.Source();

    private static ImportHostView Host(string? registered = null, params string[] switches) =>
        new(switches, id => id == ImportTestData.VmId ? registered : null);

    private static List<ImportFileRef> AllFound() =>
        [.. ImportFixUps.Referenced(Source).Select(r => new ImportFileRef(r.Recorded, r.Kind, r.Owner, ImportPaths.Resolve(r.Recorded, Source.VmFolder)))];

    private static ImportRequest Request(ImportType type = ImportType.Copy, Dictionary<string, string>? switches = null) =>
        new(Source.ConfigFile, type, SwitchChoices: switches);

    [Fact]
    public void Referenced_DrivesMediaCheckpointDisksAndMemoryState()
    {
        var referenced = ImportFixUps.Referenced(Source).Select(r => (r.Recorded, r.Kind)).ToList();
        Assert.Equal(
            [
                ($"Virtual Hard Disks/web_{ImportTestData.CheckpointId:D}.qcow2", ImportFileKind.HardDisk),
                ("/iso/setup.iso", ImportFileKind.Media),
                ("Virtual Hard Disks/web.qcow2", ImportFileKind.HardDisk),
                ($"Snapshots/{ImportTestData.CheckpointId:D}.vmstate", ImportFileKind.CheckpointState),
            ],
            referenced);
    }

    [Fact]
    public void Detect_SwitchNotOnThisHost_MissingSwitchWithNotConnectedFirst_CaseInsensitiveMatchIsFine()
    {
        var fixUps = ImportFixUps.Detect(Source, Request(), AllFound(), Host(null, "Lab", "Internal"));

        var missing = Assert.Single(fixUps);
        Assert.Equal((ImportFixUpKind.MissingSwitch, ImportTestData.DynamicAdapter.ToString("D"), false), (missing.Kind, missing.Key, missing.Resolved));
        Assert.Equal(["", "Internal", "Lab"], missing.Choices);
        Assert.StartsWith("Could not find virtual switch 'External'", missing.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("Internal", true)]
    [InlineData("Nope", false)]
    public void Detect_SwitchChoice_ResolvesOnlyWithNotConnectedOrAHostSwitch(string choice, bool resolved)
    {
        var request = Request(switches: new() { [ImportTestData.DynamicAdapter.ToString("D")] = choice });
        var fixUps = ImportFixUps.Detect(Source, request, AllFound(), Host(null, "lab", "Internal"));
        Assert.Equal(resolved, Assert.Single(fixUps).Resolved);
    }

    [Theory]
    [InlineData(ImportType.RegisterInPlace, true)]
    [InlineData(ImportType.Restore, true)]
    [InlineData(ImportType.Copy, false)]
    public void Detect_IdRegistered_IdInUseExceptForCopy(ImportType type, bool inUse)
    {
        var fixUps = ImportFixUps.Detect(Source, Request(type), AllFound(), Host("web (original)", "External", "lab"));

        Assert.Equal(inUse, fixUps.Any(f => f.Kind == ImportFixUpKind.IdInUse));
        if (inUse)
        {
            Assert.Equal($"A virtual machine with ID {ImportTestData.VmId:D} ('web (original)') is already registered on this host. Choose Copy to import it with a new ID, or delete the other VM first.",
                fixUps.Single().Message);
        }
    }

    [Fact]
    public void Detect_VersionThisHostCannotRun_UnsupportedVersion()
    {
        var source = ImportTestData.Source(versionSupported: false, version: "9.0");
        var fixUps = ImportFixUps.Detect(source, Request(), AllFound(), Host(null, "External", "lab"));
        var unsupported = Assert.Single(fixUps);
        Assert.Equal(ImportFixUpKind.UnsupportedVersion, unsupported.Kind);
        Assert.Equal("VM 'web' has configuration version 9.0, which this host cannot run (it runs 5.0, 6.2, 7.0, 7.1, 8.0).", unsupported.Message);
    }

    [Fact]
    public void Detect_FileMissing_MissingDiskKeyedByTheRecordedPath_ResolvedWhenLocated()
    {
        var files = AllFound();
        files[2] = files[2] with { Found = null };
        var missing = Assert.Single(ImportFixUps.Detect(Source, Request(), files, Host(null, "External", "lab")));
        Assert.Equal((ImportFixUpKind.MissingDisk, "Virtual Hard Disks/web.qcow2", false), (missing.Kind, missing.Key, missing.Resolved));
        Assert.Equal("Could not find the virtual hard disk 'Virtual Hard Disks/web.qcow2' of checkpoint 'before update'. Locate it (where it is now).", missing.Message);

        files[2] = files[2] with { Found = "/moved/web.qcow2", ByRequest = true };
        var located = Assert.Single(ImportFixUps.Detect(Source, Request(), files, Host(null, "External", "lab")));
        Assert.True(located.Resolved);
        Assert.EndsWith("Located: '/moved/web.qcow2'.", located.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_MediumMissing_CanLeaveTheDriveEmpty_ResolvedWhenEjected()
    {
        var files = AllFound();
        files[1] = files[1] with { Found = null };
        var missing = Assert.Single(ImportFixUps.Detect(Source, Request(), files, Host(null, "External", "lab")));
        Assert.Equal(("/iso/setup.iso", true, false), (missing.Key, missing.CanLeaveEmpty, missing.Resolved));
        Assert.EndsWith("Locate it (where it is now), or leave the drive empty.", missing.Message, StringComparison.Ordinal);

        files[1] = files[1] with { ByRequest = true, Ejected = true };
        var ejected = Assert.Single(ImportFixUps.Detect(Source, Request(), files, Host(null, "External", "lab")));
        Assert.True(ejected.Resolved);
        Assert.EndsWith("The drive is left empty.", ejected.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_UnreadableCheckpointRecord_Blocked()
    {
        var source = Source with { Problems = ["The checkpoint record 'x.json' could not be read (bad); importing would lose its files."] };
        var blocked = Assert.Single(ImportFixUps.Detect(source, Request(), AllFound(), Host(null, "External", "lab")));
        Assert.Equal((ImportFixUpKind.Blocked, "checkpoints", false), (blocked.Kind, blocked.Key, blocked.Resolved));
    }
}
