using AngleSharp.Dom;
using Bunit;
using HvWeb.Engine;
using HvWeb.Engine.Disks;
using HvWeb.Jobs.Disks;
using HvWeb.Tests.Unit.Web.Wizard;
using HvWeb.Web.Components.Disks;
using Microsoft.Extensions.DependencyInjection;

namespace HvWeb.Tests.Unit.Web.Disks;

/// <summary>The New Virtual Hard Disk Wizard checks each page as you type with the server's rules (the real DiskService).</summary>
public sealed class NewDiskWizardTests : WizardTestContext
{
    public NewDiskWizardTests()
    {
        var disks = new DiskService(Engine, new EngineOptions(), TimeProvider.System);
        Services.AddSingleton<IDiskService>(disks);
        Services.AddSingleton(new DiskJobFactory(disks));
        Services.AddSingleton<HvWeb.Jobs.IJobService>(Jobs);
    }

    private IRenderedComponent<NewDiskWizard> Wizard => Dialogs.FindComponent<NewDiskWizard>();

    private IElement Button(string text) => Dialogs.FindAll("button").Single(b => b.TextContent.Trim() == text);

    private string PageText => Dialogs.Find(".hv-wizard-page").TextContent;

    private IElement Field(string label) =>
        Dialogs.FindAll(".hv-wizard-page .mud-input-control").Single(c => c.QuerySelector("label")?.TextContent.Trim() == label).QuerySelector("input")!;

    private IElement Radio(string label) =>
        Dialogs.FindAll(".hv-wizard-page label").Single(l => l.TextContent.Trim() == label).QuerySelector("input[type=radio]")!;

    private void Next()
    {
        var page = Wizard.Instance.Page;
        Dialogs.InvokeAsync(() => Button("Next >").Click());
        Dialogs.WaitForAssertion(() => Assert.NotEqual(page, Wizard.Instance.Page));
    }

    [Fact]
    public async Task Open_HyperVsPagesAndVhdxDynamicDefaults()
    {
        await ShowAsync<NewDiskWizard>();

        var steps = Dialogs.FindAll("nav[aria-label='Wizard steps'] li").Select(li => li.TextContent.Trim()).ToArray();
        Assert.Equal(["Choose Disk Format", "Choose Disk Type", "Specify Name and Location", "Configure Disk", "Summary"], steps);
        Assert.Equal((DiskFormat.Vhdx, VirtualDiskType.Dynamic), (Wizard.Instance.Model.Format, Wizard.Instance.Model.Type));
        Assert.True(Button("Finish").IsDisabled());
    }

    [Fact]
    public async Task TypePage_VhdxDifferencing_DisabledWithTheReason()
    {
        await ShowAsync<NewDiskWizard>();
        Next();

        Assert.True(Radio("Differencing").IsDisabled());
        Assert.Contains("QEMU cannot write VHDX or VHD differencing disks; choose qcow2", PageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigurePage_VhdOver2040Gb_SentenceUnderSizeAndNextDisabled()
    {
        await ShowAsync<NewDiskWizard>();
        await Dialogs.InvokeAsync(() => Radio("VHD").Click());
        Dialogs.WaitForAssertion(() => Assert.Equal(DiskFormat.Vhd, Wizard.Instance.Model.Format));
        Assert.Equal("New Virtual Hard Disk.vhd", Wizard.Instance.Model.Name);
        Next();
        Next();
        Field("Location").Input(DataRoot);
        Next();

        Field("Size (GB)").Input("2041");

        Dialogs.WaitForAssertion(() => Assert.Contains("A VHD disk can be at most 2040 GB; choose VHDX for a larger disk (up to 64 TB).", PageText, StringComparison.Ordinal));
        Assert.True(Button("Next >").IsDisabled());
        Field("Size (GB)").Input("2040");
        Dialogs.WaitForAssertion(() => Assert.False(Button("Next >").IsDisabled()));
    }

    [Fact]
    public async Task NamePage_ExistingFile_RefusedUnderTheName()
    {
        File.WriteAllText(Path.Combine(DataRoot, "taken.vhdx"), "");
        await ShowAsync<NewDiskWizard>();
        Next();
        Next();

        Field("Name").Input("taken.vhdx");
        Field("Location").Input(DataRoot);

        Dialogs.WaitForAssertion(() => Assert.Contains("already exists; HvWeb never replaces an existing file with a new disk.", PageText, StringComparison.Ordinal));
        Assert.True(Button("Next >").IsDisabled());
    }

    [Fact]
    public async Task Finish_EnqueuesTheCreateDiskJobWithTheAnswers()
    {
        await ShowAsync<NewDiskWizard>();
        Next();
        await Dialogs.InvokeAsync(() => Radio("Fixed size").Click());
        Next();
        Field("Location").Input(DataRoot);
        Next();
        Field("Size (GB)").Input("1");
        Next();

        await Dialogs.InvokeAsync(() => Button("Finish").Click());

        Dialogs.WaitForAssertion(() => Assert.Single(Jobs.Enqueued));
        var job = Assert.IsType<CreateDiskJob>(Jobs.Enqueued[0].Job);
        Assert.Equal(new NewDiskRequest { Path = Path.Combine(DataRoot, "New Virtual Hard Disk.vhdx"), Format = DiskFormat.Vhdx, Type = VirtualDiskType.Fixed, SizeBytes = 1L << 30 },
            job.Request);
    }
}
