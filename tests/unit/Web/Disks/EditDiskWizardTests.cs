using AngleSharp.Dom;
using Bunit;
using HvWeb.Engine;
using HvWeb.Engine.Disks;
using HvWeb.Engine.Vms;
using HvWeb.Jobs.Disks;
using HvWeb.Tests.Unit.Web.Wizard;
using HvWeb.Web.Components.Disks;
using Microsoft.Extensions.DependencyInjection;

namespace HvWeb.Tests.Unit.Web.Disks;

/// <summary>The Edit Virtual Hard Disk Wizard on a real VHDX (qemu-img): actions that do not apply say why; Configure checks as you type.</summary>
public sealed class EditDiskWizardTests : WizardTestContext
{
    private readonly DiskService _disks;

    public EditDiskWizardTests()
    {
        _disks = new DiskService(Engine, new EngineOptions(), TimeProvider.System);
        Services.AddSingleton<IDiskService>(_disks);
        Services.AddSingleton(new DiskJobFactory(_disks));
        Services.AddSingleton<HvWeb.Jobs.IJobService>(Jobs);
    }

    private IRenderedComponent<EditDiskWizard> Wizard => Dialogs.FindComponent<EditDiskWizard>();

    private IElement Button(string text) => Dialogs.FindAll("button").Single(b => b.TextContent.Trim() == text);

    private string PageText => Dialogs.Find(".hv-wizard-page").TextContent;

    private IElement Field(string label) =>
        Dialogs.FindAll(".hv-wizard-page .mud-input-control").Single(c => c.QuerySelector("label")?.TextContent.Trim() == label).QuerySelector("input")!;

    private IElement Radio(string label) =>
        Dialogs.FindAll(".hv-wizard-page label").Single(l => l.TextContent.Trim() == label).QuerySelector("input[type=radio]")!;

    private async Task<string> DiskAsync()
    {
        var path = Path.Combine(DataRoot, "edit.vhdx");
        await _disks.CreateAsync(new NewDiskRequest { Path = path, Format = DiskFormat.Vhdx, Type = VirtualDiskType.Dynamic, SizeBytes = 64L << 20 },
            new Progress<OperationProgress>(), CancellationToken.None);
        return path;
    }

    private async Task LocateAsync(string path)
    {
        await ShowAsync<EditDiskWizard>();
        Field("Path").Input(path);
        await Dialogs.InvokeAsync(() => Button("Next >").Click());
        Dialogs.WaitForAssertion(() => Assert.Equal(6, Dialogs.FindAll(".hv-wizard-page input[type=radio]").Count));
    }

    [Fact]
    public async Task ChooseAction_DynamicVhdx_ShrinkMergeReconnectDisabledWithTheirReasons()
    {
        await LocateAsync(await DiskAsync());

        Assert.False(Radio("Compact").IsDisabled());
        Assert.False(Radio("Expand").IsDisabled());
        Assert.True(Radio("Shrink").IsDisabled());
        Assert.True(Radio("Merge").IsDisabled());
        Assert.Contains("qemu-img cannot resize a VHDX disk, so it cannot be shrunk here", PageText, StringComparison.Ordinal);
        Assert.Contains("Only a differencing disk can be merged.", PageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Locate_MissingFile_SaysSoAndStays()
    {
        await ShowAsync<EditDiskWizard>();
        Field("Path").Input(Path.Combine(DataRoot, "nothing.vhdx"));
        await Dialogs.InvokeAsync(() => Button("Next >").Click());

        Dialogs.WaitForAssertion(() => Assert.Contains("does not exist", PageText, StringComparison.Ordinal));
        Assert.Equal(EditDiskPage.LocateDisk, Wizard.Instance.Page);
    }

    [Fact]
    public async Task ConfigureExpand_SmallerSize_RefusedUnderTheField_ThenFinishEnqueues()
    {
        var path = await DiskAsync();
        await LocateAsync(path);
        await Dialogs.InvokeAsync(() => Radio("Expand").Click());
        await Dialogs.InvokeAsync(() => Button("Next >").Click());
        Dialogs.WaitForAssertion(() => Assert.Equal(EditDiskPage.Configure, Wizard.Instance.Page));

        Field("New size (GB)").Input("0.03125");
        Dialogs.WaitForAssertion(() => Assert.Contains("Expand makes a disk larger: enter more than its current maximum size", PageText, StringComparison.Ordinal));
        Assert.True(Button("Next >").IsDisabled());

        Field("New size (GB)").Input("0.125");
        Dialogs.WaitForAssertion(() => Assert.False(Button("Next >").IsDisabled()));
        await Dialogs.InvokeAsync(() => Button("Next >").Click());
        await Dialogs.InvokeAsync(() => Button("Finish").Click());

        Dialogs.WaitForAssertion(() => Assert.Single(Jobs.Enqueued));
        var job = Assert.IsType<EditDiskJob>(Jobs.Enqueued[0].Job);
        Assert.Equal((path, DiskAction.Expand, 128L << 20), (job.Request.Path, job.Request.Action, job.Request.NewSizeBytes!.Value));
    }
}
