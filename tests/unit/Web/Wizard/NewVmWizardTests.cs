using AngleSharp.Dom;
using Bunit;
using HvWeb.Engine.Model;
using HvWeb.Jobs;
using HvWeb.Jobs.Vms;
using HvWeb.Web.Components.Wizard;

namespace HvWeb.Tests.Unit.Web.Wizard;

public sealed class NewVmWizardTests : WizardTestContext
{
    private IRenderedComponent<NewVmWizard> Wizard => Dialogs.FindComponent<NewVmWizard>();

    private IElement Button(string text) => Dialogs.FindAll("button").Single(b => b.TextContent.Trim() == text);

    private string PageTitle => Dialogs.Find("#hv-wizard-page-title").TextContent.Trim();

    private IElement Field(string label) =>
        Dialogs.FindAll(".hv-wizard-page .mud-input-control").Single(c => c.QuerySelector("label")?.TextContent.Trim() == label).QuerySelector("input")!;

    private void Next()
    {
        var page = Wizard.Instance.Page;
        Dialogs.InvokeAsync(() => Button("Next >").Click());
        Dialogs.WaitForAssertion(() => Assert.NotEqual(page, Wizard.Instance.Page));
    }

    private void Choose(int option) =>
        Dialogs.InvokeAsync(() => Dialogs.FindAll(".hv-wizard-page input[type=radio]")[option].Click());

    private async Task GoToAsync(WizardPage page)
    {
        await ShowAsync<NewVmWizard>();
        while (Wizard.Instance.Page < page)
        {
            Next();
        }
    }

    [Fact]
    public async Task Open_FirstTime_BeforeYouBeginWithStepListNextEnabledFinishDisabled()
    {
        await ShowAsync<NewVmWizard>();

        Assert.Equal("Before You Begin", PageTitle);
        var steps = Dialogs.FindAll("nav[aria-label='Wizard steps'] li").Select(li => li.TextContent.Trim()).ToArray();
        Assert.Equal(["Before You Begin", "Specify Name and Location", "Specify Generation", "Configuration Version", "Assign Memory",
            "Configure Networking", "Connect Virtual Hard Disk", "Installation Options", "Summary"], steps);
        Assert.Equal("step", Dialogs.Find("li[aria-current]").GetAttribute("aria-current"));
        Assert.False(Button("Next >").IsDisabled());
        Assert.True(Button("< Previous").IsDisabled());
        Assert.True(Button("Finish").IsDisabled());
    }

    [Fact]
    public async Task SkipIntro_CheckedOnce_NextWizardStartsOnSpecifyNameForThatUserOnly()
    {
        var first = await ShowAsync<NewVmWizard>();
        Dialogs.Find(".hv-wizard-page input[type=checkbox]").Change(true);

        Assert.Equal("true", await Preferences.GetAsync("admin", NewVmWizard.SkipIntroPreference));
        Assert.Null(await Preferences.GetAsync("student", NewVmWizard.SkipIntroPreference));
        await Dialogs.InvokeAsync(() => first.Close());
        Dialogs.WaitForAssertion(() => Assert.Empty(Dialogs.FindComponents<NewVmWizard>()));
        await ShowAsync<NewVmWizard>();
        Dialogs.WaitForAssertion(() => Assert.Equal("Specify Name and Location", PageTitle));
    }

    [Fact]
    public async Task NamePage_Defaults_HyperVNameAndDefaultFolderFromHostSettings()
    {
        await GoToAsync(WizardPage.NameAndLocation);

        Assert.Equal("New Virtual Machine", Field("Name").GetAttribute("value"));
        Assert.Contains(HostSettings.Current.VirtualMachinesFolder, Dialogs.Find(".hv-wizard-page").TextContent, StringComparison.Ordinal);
        Assert.True(Field("Location").IsDisabled());
        Assert.False(Button("Finish").IsDisabled());
    }

    [Theory]
    [InlineData("", "Type a name for the virtual machine.")]
    [InlineData("web/01", "The name cannot contain /: it is used as a folder name.")]
    public async Task NamePage_BadName_SentenceUnderTheFieldAndNextDisabled(string name, string sentence)
    {
        await GoToAsync(WizardPage.NameAndLocation);

        Field("Name").Input(name);

        Dialogs.WaitForAssertion(() => Assert.Contains(sentence, Dialogs.Find(".hv-wizard-page").TextContent, StringComparison.Ordinal));
        Assert.True(Button("Next >").IsDisabled());
        Assert.True(Button("Finish").IsDisabled());

        Field("Name").Input("web01");
        Dialogs.WaitForAssertion(() => Assert.False(Button("Next >").IsDisabled()));
    }

    [Fact]
    public async Task NamePage_DifferentLocationRelative_RefusedUntilAbsolute()
    {
        await GoToAsync(WizardPage.NameAndLocation);

        Dialogs.Find(".hv-wizard-page input[type=checkbox]").Change(true);
        Field("Location").Input("");
        Dialogs.WaitForAssertion(() => Assert.True(Button("Next >").IsDisabled()));
        Field("Location").Input("relative/place");
        Dialogs.WaitForAssertion(() => Assert.Contains("must be an absolute folder path", Dialogs.Find(".hv-wizard-page").TextContent, StringComparison.Ordinal));
        Field("Location").Input(DataRoot);
        Dialogs.WaitForAssertion(() => Assert.False(Button("Next >").IsDisabled()));
    }

    [Fact]
    public async Task GenerationPage_DefaultsToGeneration1AsHyperV2016()
    {
        await GoToAsync(WizardPage.Generation);

        var radios = Dialogs.FindAll(".hv-wizard-page input[type=radio]");
        Assert.Equal(2, radios.Count);
        Assert.Equal(VmGeneration.One, Wizard.Instance.Model.Generation);
        Assert.Contains("UEFI-based", Dialogs.Find(".hv-wizard-page").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VersionPage_OffersHostVersionsWith80Default()
    {
        await GoToAsync(WizardPage.ConfigurationVersion);

        var labels = Dialogs.FindAll(".hv-wizard-page .mud-radio").Select(r => r.TextContent.Trim()).ToArray();
        Assert.Equal(["8.0 (default, Windows Server 2016)", "7.1", "7.0", "6.2", "5.0"], labels);
        Assert.Equal("8.0", Wizard.Instance.Model.Version);
    }

    [Theory]
    [InlineData(16, "Startup memory must be at least 32 MB.")]
    [InlineData(999999, "Startup memory 999999 MB is more than this host has (8192 MB).")]
    [InlineData(1023, "Startup memory must be a multiple of 2 MB.")]
    public async Task MemoryPage_OutOfRange_SentenceAndNextDisabled(int memory, string sentence)
    {
        await GoToAsync(WizardPage.Memory);
        Assert.Equal("1024", Field("Startup memory (MB)").GetAttribute("value"));

        Field("Startup memory (MB)").Input(memory.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Dialogs.WaitForAssertion(() => Assert.Contains(sentence, Dialogs.Find(".hv-wizard-page").TextContent, StringComparison.Ordinal));
        Assert.True(Button("Next >").IsDisabled());
    }

    [Fact]
    public async Task NetworkingPage_NoSwitches_OnlyNotConnectedAndSaysWhy()
    {
        await GoToAsync(WizardPage.Networking);

        var text = Dialogs.Find(".hv-wizard-page").TextContent;
        Assert.Contains("Not Connected", text, StringComparison.Ordinal);
        Assert.Contains("This host has no virtual switch yet", text, StringComparison.Ordinal);
        Assert.False(Button("Next >").IsDisabled());
    }

    [Fact]
    public async Task DiskPage_Defaults_127GbDiskNamedAfterTheVm()
    {
        await GoToAsync(WizardPage.VirtualHardDisk);

        Assert.Equal("New Virtual Machine.qcow2", Field("Name").GetAttribute("value"));
        Assert.Equal("127", Field("Size (GB)").GetAttribute("value"));
        Assert.Equal(Path.Combine(HostSettings.Current.VirtualMachinesFolder, "New Virtual Machine", "Virtual Hard Disks"), Field("Location").GetAttribute("value"));
    }

    [Theory]
    [InlineData("Name", "disk.vhdx", "end the name with .qcow2")]
    [InlineData("Location", "disks", "Location 'disks' must be an absolute folder path.")]
    [InlineData("Size (GB)", "0", "A new disk must be between 1 and 65536 GB.")]
    public async Task DiskPage_BadNewDisk_SentenceAndNextDisabled(string field, string value, string sentence)
    {
        await GoToAsync(WizardPage.VirtualHardDisk);

        Field(field).Input(value);

        Dialogs.WaitForAssertion(() => Assert.Contains(sentence, Dialogs.Find(".hv-wizard-page").TextContent, StringComparison.Ordinal));
        Assert.True(Button("Next >").IsDisabled());
    }

    [Fact]
    public async Task DiskPage_ExistingDiskMissing_RefusedThenAttachLaterIsFine()
    {
        await GoToAsync(WizardPage.VirtualHardDisk);

        Choose(1);
        Dialogs.WaitForAssertion(() => Assert.Contains("Type the path of an existing virtual hard disk.", Dialogs.Find(".hv-wizard-page").TextContent, StringComparison.Ordinal));
        Field("Existing disk location").Input("/nowhere/disk.qcow2");
        Dialogs.WaitForAssertion(() => Assert.Contains("'/nowhere/disk.qcow2' does not exist", Dialogs.Find(".hv-wizard-page").TextContent, StringComparison.Ordinal));
        Assert.True(Button("Next >").IsDisabled());

        Choose(2);
        Dialogs.WaitForAssertion(() => Assert.False(Button("Next >").IsDisabled()));
    }

    [Fact]
    public async Task InstallPage_ImageFileChosen_NeedsAnExistingIso()
    {
        await GoToAsync(WizardPage.InstallationOptions);

        Choose(1);
        Dialogs.WaitForAssertion(() => Assert.True(Button("Next >").IsDisabled()));
        Field("Image file (.iso)").Input("/nowhere/setup.iso");
        Dialogs.WaitForAssertion(() => Assert.Contains("The image file '/nowhere/setup.iso' does not exist.", Dialogs.Find(".hv-wizard-page").TextContent, StringComparison.Ordinal));
        var iso = Path.Combine(DataRoot, "setup.iso");
        await File.WriteAllTextAsync(iso, "not really");
        Field("Image file (.iso)").Input(iso);
        Dialogs.WaitForAssertion(() => Assert.False(Button("Next >").IsDisabled()));
    }

    [Fact]
    public async Task InstallPage_Network_SaysNotConnectedCannotReachAServer()
    {
        await GoToAsync(WizardPage.InstallationOptions);

        Choose(2);

        Dialogs.WaitForAssertion(() => Assert.Contains("no installation server can be reached yet", Dialogs.Find(".hv-wizard-page").TextContent, StringComparison.Ordinal));
        Assert.Contains("legacy network adapter", Dialogs.Find(".hv-wizard-page").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Summary_ListsTheChoicesAndNextIsDisabled()
    {
        await GoToAsync(WizardPage.Summary);

        var rows = Dialogs.FindAll(".hv-wizard-page table tr")
            .ToDictionary(r => r.QuerySelector("th")!.TextContent.Trim(), r => r.QuerySelector("td")!.TextContent.Trim());
        Assert.Equal("New Virtual Machine", rows["Name"]);
        Assert.Equal("Generation 1", rows["Generation"]);
        Assert.Equal("8.0", rows["Configuration Version"]);
        Assert.Equal("1024 MB", rows["Memory"]);
        Assert.Equal("Not Connected", rows["Network"]);
        Assert.EndsWith("New Virtual Machine.qcow2 (127 GB, dynamically expanding)", rows["Hard Disk"], StringComparison.Ordinal);
        Assert.Equal("Will be installed at a later time", rows["Operating System"]);
        Assert.True(Button("Next >").IsDisabled());
        Assert.False(Button("Finish").IsDisabled());
    }

    [Fact]
    public async Task Finish_StartsTheCreateJobAsTheSignedInUserAndCloses()
    {
        await GoToAsync(WizardPage.NameAndLocation);
        Field("Name").Input("web01");
        Dialogs.WaitForAssertion(() => Assert.False(Button("Finish").IsDisabled()));

        await Dialogs.InvokeAsync(() => Button("Finish").Click());

        Dialogs.WaitForAssertion(() => Assert.Empty(Dialogs.FindComponents<NewVmWizard>()));
        var (job, user) = Assert.Single(Jobs.Enqueued);
        Assert.Equal("admin", user);
        Assert.Equal(CreateVmJob.JobKind, job.Kind);
        Assert.Equal("Create VM 'web01'", job.Description);
    }

    [Fact]
    public async Task Finish_EngineRefuses_StaysOpenOnThePageAndSaysWhy()
    {
        await GoToAsync(WizardPage.Summary);
        Jobs.FailEnqueueWith = new JobStateException("The job queue is closed.");

        await Dialogs.InvokeAsync(() => Button("Finish").Click());

        Dialogs.WaitForAssertion(() => Assert.Contains("The job queue is closed.", Dialogs.Find(".hv-wizard-page").TextContent, StringComparison.Ordinal));
        Assert.Single(Dialogs.FindComponents<NewVmWizard>());
    }
}
