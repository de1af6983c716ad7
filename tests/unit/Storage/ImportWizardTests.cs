using AngleSharp.Dom;
using Bunit;
using HvWeb.Engine.Errors;
using HvWeb.Engine.Storage;
using HvWeb.Jobs.Storage;
using HvWeb.Tests.Unit.Web.Wizard;
using HvWeb.Web.Components.Storage;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;

namespace HvWeb.Tests.Unit.Storage;

/// <summary>The Import Virtual Machine wizard over a fake import service: pages, keyboard, fix-up pages, blocking messages, Finish.</summary>
public sealed class ImportWizardTests : WizardTestContext
{
    private static readonly DateTimeOffset Created = new(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);
    private static readonly ImportCandidate Web = new("/exports/web/Virtual Machines/web.json", Guid.Parse("11111111-2222-3333-4444-555555555555"), "web", Created.AddDays(1), "2", "8.0", 2);
    private static readonly ImportCandidate Db = new("/exports/db/Virtual Machines/db.json", Guid.Parse("66666666-2222-3333-4444-555555555555"), "db", Created, "1", "5.0", 0);
    private const string Adapter = "00000000-0000-0000-0000-00000000000a";

    private readonly ImportServiceFake _imports = new();

    public ImportWizardTests()
    {
        _imports.OnLocate = folder => folder is "" or "/exports" ? [Web, Db] : throw VmValidationException.For("folder", $"No virtual machine was found in '{folder}'.");
        Services.AddSingleton<IImportService>(_imports);
        Services.AddSingleton<StorageJobs>();
        Services.AddSingleton<HvWeb.Jobs.IJobService>(Jobs);
    }

    private IRenderedComponent<ImportWizard> Wizard => Dialogs.FindComponent<ImportWizard>();

    private IElement Button(string text) => Dialogs.FindAll("button").Single(b => b.TextContent.Trim() == text);

    private string PageText => Dialogs.Find(".hv-wizard-page").TextContent;

    private IElement Field(string label) =>
        Dialogs.FindAll(".hv-wizard-page .mud-input-control").Single(c => c.QuerySelector("label")?.TextContent.Trim() == label).QuerySelector("input")!;

    private IElement Radio(string label) =>
        Dialogs.FindAll(".hv-wizard-page label").Single(l => l.TextContent.Trim() == label).QuerySelector("input[type=radio]")!;

    private string[] Steps => [.. Dialogs.FindAll("nav[aria-label='Wizard steps'] li").Select(li => li.TextContent.Trim())];

    private void Next(ImportPage expected)
    {
        Dialogs.InvokeAsync(() => Button("Next >").Click());
        Dialogs.WaitForAssertion(() => Assert.Equal(expected, Wizard.Instance.Page));
    }

    private async Task ToImportTypeAsync()
    {
        await ShowAsync<ImportWizard>();
        Field("Folder").Input("/exports");
        Next(ImportPage.SelectVirtualMachine);
        Next(ImportPage.ChooseImportType);
    }

    [Fact]
    public async Task Open_HyperVsPagesRegisterInPlaceByDefault()
    {
        await ShowAsync<ImportWizard>();

        Assert.Equal(["Locate Folder", "Select Virtual Machine", "Choose Import Type", "Summary"], Steps);
        Assert.Equal(ImportType.RegisterInPlace, Wizard.Instance.Model.Type);
        Assert.True(Button("Finish").IsDisabled());
        Assert.NotNull(Dialogs.Find("[aria-label='Import Virtual Machine']"));
    }

    [Fact]
    public async Task LocateFolder_NoVm_TheSentenceUnderTheFolderAndStays()
    {
        await ShowAsync<ImportWizard>();
        Field("Folder").Input("/empty");
        await Dialogs.InvokeAsync(() => Button("Next >").Click());

        Dialogs.WaitForAssertion(() => Assert.Contains("No virtual machine was found in '/empty'.", PageText, StringComparison.Ordinal));
        Assert.Equal(ImportPage.LocateFolder, Wizard.Instance.Page);
    }

    [Fact]
    public async Task SelectVirtualMachine_ListWithNameCreatedAndId_ArrowKeysSelect()
    {
        await ShowAsync<ImportWizard>();
        Field("Folder").Input("/exports");
        Next(ImportPage.SelectVirtualMachine);

        var list = Dialogs.Find("[role=listbox]");
        Assert.Equal("0", list.GetAttribute("tabindex"));
        var options = Dialogs.FindAll("[role=option]");
        Assert.Equal(2, options.Count);
        Assert.Contains(Web.Id.ToString("D"), options[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("true", options[0].GetAttribute("aria-selected"));

        await Dialogs.InvokeAsync(() => Dialogs.Find("[role=listbox]").KeyDown(new KeyboardEventArgs { Key = "ArrowDown" }));

        Dialogs.WaitForAssertion(() => Assert.Equal(Db, Wizard.Instance.Model.Selected));
        Assert.Equal("hv-import-vm-1", Dialogs.Find("[role=listbox]").GetAttribute("aria-activedescendant"));
        Assert.Equal("true", Dialogs.FindAll("[role=option]")[1].GetAttribute("aria-selected"));
    }

    [Fact]
    public async Task ChooseImportType_IdInUse_BlockingMessageThenCopyGoesToFolders()
    {
        _imports.OnCompare = r => r.Type == ImportType.Copy ? [] :
            [new ImportFixUp(ImportFixUpKind.IdInUse, Web.Id.ToString("D"), "A virtual machine with ID … ('web') is already registered on this host. Choose Copy to import it with a new ID, or delete the other VM first.", [], false)];
        await ToImportTypeAsync();
        foreach (var type in Enum.GetValues<ImportType>())
        {
            Assert.NotNull(Radio(ImportWizardModel.TypeLabel(type)));
        }

        await Dialogs.InvokeAsync(() => Button("Next >").Click());

        Dialogs.WaitForAssertion(() => Assert.Contains("is already registered on this host. Choose Copy", PageText, StringComparison.Ordinal));
        Assert.Equal(ImportPage.ChooseImportType, Wizard.Instance.Page);

        await Dialogs.InvokeAsync(() => Radio("Copy the virtual machine (create a new unique ID)").Click());
        Next(ImportPage.ChooseFolders);
        Assert.Equal(HostSettings.Current.VirtualMachinesFolder, Field("Virtual machine configuration folder").GetAttribute("value"));
        Assert.Contains("Choose Folders for Virtual Machine Files", Steps);
    }

    [Fact]
    public async Task ChooseFolders_DestinationBlocked_SentenceUnderItsFolder()
    {
        _imports.OnCompare = r => r.DisksFolder == "/full" ? [new ImportFixUp(ImportFixUpKind.Blocked, "disksFolder", "Not enough free space for the copy in '/full'.", [], false)] : [];
        await ToImportTypeAsync();
        await Dialogs.InvokeAsync(() => Radio("Restore the virtual machine (use the existing unique ID)").Click());
        Next(ImportPage.ChooseFolders);
        Field("Virtual hard disks folder").Input("/full");

        await Dialogs.InvokeAsync(() => Button("Next >").Click());

        Dialogs.WaitForAssertion(() => Assert.Contains("Not enough free space for the copy in '/full'.", PageText, StringComparison.Ordinal));
        Assert.Equal(ImportPage.ChooseFolders, Wizard.Instance.Page);
        Field("Virtual hard disks folder").Input("");
        Next(ImportPage.Summary);
    }

    [Fact]
    public async Task Copy_MissingSwitchAndDisk_FixUpPagesThenSummary_FinishEnqueuesTheImportJob()
    {
        _imports.OnCompare = r =>
        [
            new ImportFixUp(ImportFixUpKind.MissingSwitch, Adapter, "Could not find virtual switch 'External'.", ["", "Lab"], r.SwitchChoices?.ContainsKey(Adapter) == true),
            new ImportFixUp(ImportFixUpKind.MissingDisk, "Virtual Hard Disks/web.qcow2", "Could not find the virtual hard disk 'Virtual Hard Disks/web.qcow2' of VM 'web'.", [],
                r.DiskLocations?.ContainsKey("Virtual Hard Disks/web.qcow2") == true),
        ];
        await ToImportTypeAsync();
        await Dialogs.InvokeAsync(() => Radio("Copy the virtual machine (create a new unique ID)").Click());
        Next(ImportPage.ChooseFolders);
        Field("Virtual machine configuration folder").Input("/copies");
        Next(ImportPage.ConnectNetwork);
        Assert.Equal(["Locate Folder", "Select Virtual Machine", "Choose Import Type", "Choose Folders for Virtual Machine Files", "Connect Network", "Locate Virtual Hard Disks", "Summary"], Steps);
        Assert.Contains("Could not find virtual switch 'External'.", PageText, StringComparison.Ordinal);
        Assert.Equal("", Wizard.Instance.Model.SwitchChoices[Adapter]);

        Next(ImportPage.LocateVirtualHardDisks);
        await Dialogs.InvokeAsync(() => Button("Next >").Click());
        Dialogs.WaitForAssertion(() => Assert.Equal(ImportPage.LocateVirtualHardDisks, Wizard.Instance.Page));
        Field("Location of 'web.qcow2'").Input("/moved/web.qcow2");
        Next(ImportPage.Summary);
        Assert.Contains("Not Connected", PageText, StringComparison.Ordinal);
        Assert.Contains("/copies/web", PageText, StringComparison.Ordinal);

        await Dialogs.InvokeAsync(() => Button("Finish").Click());

        Dialogs.WaitForAssertion(() => Assert.Single(Jobs.Enqueued));
        var job = Assert.IsType<HvWeb.Jobs.Vms.EngineOperationJob>(Jobs.Enqueued[0].Job);
        Assert.Equal((StorageJobs.ImportKind, "web"), (job.Kind, job.VmName));
        var request = _imports.Compared[^1];
        Assert.Equal((Web.ConfigFile, ImportType.Copy, "/copies"), (request.ConfigFile, request.Type, request.VirtualMachineFolder));
        Assert.Equal("", request.SwitchChoices![Adapter]);
        Assert.Equal("/moved/web.qcow2", request.DiskLocations!["Virtual Hard Disks/web.qcow2"]);
    }

    [Fact]
    public async Task LocateVirtualHardDisks_MissingIso_LeaveTheDriveEmptySendsAnEmptyLocation()
    {
        _imports.OnCompare = r =>
        [
            new ImportFixUp(ImportFixUpKind.MissingDisk, "/iso/setup.iso", "Could not find the media file '/iso/setup.iso' of VM 'web'.", [],
                r.DiskLocations?.GetValueOrDefault("/iso/setup.iso") == "", CanLeaveEmpty: true),
        ];
        await ToImportTypeAsync();
        Next(ImportPage.LocateVirtualHardDisks);

        await Dialogs.InvokeAsync(() => Dialogs.Find(".hv-wizard-page input[type=checkbox]").Change(true));
        Dialogs.WaitForAssertion(() => Assert.Contains("/iso/setup.iso", Wizard.Instance.Model.EmptyDrives));
        Next(ImportPage.Summary);

        Assert.Contains("(the drive is left empty)", PageText, StringComparison.Ordinal);
        Assert.Equal("", _imports.Compared[^1].DiskLocations!["/iso/setup.iso"]);
    }

    [Fact]
    public async Task Keyboard_EnterIsNext()
    {
        await ShowAsync<ImportWizard>();
        Field("Folder").Input("/exports");

        await Dialogs.InvokeAsync(() => Dialogs.Find(".hv-wizard").KeyDown(new KeyboardEventArgs { Key = "Enter" }));

        Dialogs.WaitForAssertion(() => Assert.Equal(ImportPage.SelectVirtualMachine, Wizard.Instance.Page));
    }
}
