using HvWeb.Engine;
using HvWeb.Engine.Errors;
using HvWeb.Engine.Host;
using Microsoft.Extensions.Options;

namespace HvWeb.Tests.Unit.Web.HostSettings;

public sealed class HostSettingsStoreTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("hvweb-hostsettings-").FullName;

    private string SettingsFile => Path.Combine(_root, HostSettingsStore.FileName);

    private HostSettingsStore NewStore() => new(Options.Create(new EngineOptions { DataRoot = _root }));

    public void Dispose()
    {
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public void Current_NoFile_HyperVDefaults()
    {
        var settings = NewStore().Current;

        Assert.Equal(Path.Combine(_root, "Virtual Machines"), settings.VirtualMachinesFolder);
        Assert.Null(settings.VirtualHardDisksFolder);
        Assert.Equal(2, settings.StorageMigrations);
        Assert.False(settings.EnhancedSessionModeAllowed);
        Assert.False(File.Exists(SettingsFile));
    }

    [Fact]
    public async Task Update_ThenNewStore_ReadsTheSameSettings()
    {
        var store = NewStore();
        HvWeb.Engine.Host.HostSettings? seen = null;
        store.Changed += s => seen = s;

        var saved = await store.UpdateAsync(new HostSettingsUpdate
        {
            VirtualHardDisksFolder = Path.Combine(_root, "disks"),
            VirtualMachinesFolder = Path.Combine(_root, "vms", "..", "machines"),
            StorageMigrations = 5,
            EnhancedSessionModeAllowed = true,
        });

        Assert.Equal(saved, seen);
        Assert.Equal(Path.Combine(_root, "machines"), saved.VirtualMachinesFolder);
        Assert.Equal(saved, NewStore().Current);
        Assert.False(File.Exists(SettingsFile + ".tmp"));
    }

    [Fact]
    public async Task Update_EmptyDiskFolder_BackToEachVmsOwnFolder_OtherFieldsUnchanged()
    {
        var store = NewStore();
        await store.UpdateAsync(new HostSettingsUpdate { VirtualHardDisksFolder = Path.Combine(_root, "disks"), StorageMigrations = 3 });

        var saved = await store.UpdateAsync(new HostSettingsUpdate { VirtualHardDisksFolder = "" });

        Assert.Null(saved.VirtualHardDisksFolder);
        Assert.Equal(3, saved.StorageMigrations);
    }

    [Theory]
    [InlineData("storageMigrations", 0)]
    [InlineData("storageMigrations", 17)]
    public async Task Update_CountOutOfRange_RefusedAndNothingWritten(string field, int count)
    {
        var store = NewStore();

        var refused = await Assert.ThrowsAsync<VmValidationException>(() => store.UpdateAsync(new HostSettingsUpdate { StorageMigrations = count, EnhancedSessionModeAllowed = true }));

        Assert.Contains("between 1 and 16", Assert.Single(refused.Errors[field]), StringComparison.Ordinal);
        Assert.False(File.Exists(SettingsFile));
        Assert.False(store.Current.EnhancedSessionModeAllowed);
    }

    [Fact]
    public void Check_BadFolders_SentenceNamesTheField()
    {
        var file = Path.Combine(_root, "a-file");
        File.WriteAllText(file, "x");

        var errors = HostSettingsStore.Check(new HostSettingsUpdate
        {
            VirtualMachinesFolder = "relative/vms",
            VirtualHardDisksFolder = Path.Combine(file, "below"),
        });

        Assert.Contains("must be an absolute folder path", errors["virtualMachinesFolder"][0], StringComparison.Ordinal);
        Assert.Contains("is a file", errors["virtualHardDisksFolder"][0], StringComparison.Ordinal);
        Assert.Contains("Type the folder", HostSettingsStore.Check(new HostSettingsUpdate { VirtualMachinesFolder = "" })["virtualMachinesFolder"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Check_MissingFolderUnderAWritableParent_Accepted()
    {
        Assert.Empty(HostSettingsStore.Check(new HostSettingsUpdate { VirtualMachinesFolder = Path.Combine(_root, "not", "yet", "there") }));
    }

    [Fact]
    public async Task Update_FileCannotBeWritten_OldSettingsStayAndNoTemporaryFileIsLeft()
    {
        var store = NewStore();
        await store.UpdateAsync(new HostSettingsUpdate { StorageMigrations = 4 });
        // A folder where the temporary file should go: it cannot be written.
        Directory.CreateDirectory(SettingsFile + ".tmp");

        await Assert.ThrowsAsync<VmOperationException>(() => store.UpdateAsync(new HostSettingsUpdate { StorageMigrations = 6 }));

        Assert.Equal(4, store.Current.StorageMigrations);
        Assert.Equal(4, NewStore().Current.StorageMigrations);
    }

    [Fact]
    public void Current_CorruptFile_SaysWhichFile()
    {
        File.WriteAllText(SettingsFile, "{ not json");

        var failure = Assert.Throws<VmOperationException>(() => NewStore().Current);

        Assert.Contains(SettingsFile, failure.Message, StringComparison.Ordinal);
    }
}
