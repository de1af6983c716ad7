using AngleSharp.Dom;
using Bunit;
using HvWeb.Engine.Checkpoints;
using HvWeb.Engine.Errors;
using HvWeb.Engine.Model;
using HvWeb.Engine.Storage;
using HvWeb.Jobs.Storage;
using HvWeb.Tests.Unit.Web.Fakes;
using HvWeb.Tests.Unit.Web.Wizard;
using HvWeb.Web.Components.Inventory;
using HvWeb.Web.Components.Storage;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace HvWeb.Tests.Unit.Storage;

/// <summary>The Export dialog with a fake export service: checked as you type, the VHDX consequence, the job, refusals.</summary>
public sealed class ExportWizardTests : WizardTestContext
{
    private readonly FakeExportService _exports = new();
    private IRenderedComponent<MudDialogProvider> _dialogs = null!;

    public ExportWizardTests()
    {
        Services.AddSingleton<IExportService>(_exports);
        Services.AddSingleton<StorageJobs>();
        Services.AddSingleton<HvWeb.Jobs.IJobService>(Jobs);
        _exports.Rules = r => r.DestinationFolder switch
        {
            "/ro" => new Dictionary<string, string[]> { ["destinationFolder"] = ["'/ro' is not writable (Read-only file system)."] },
            "/exports/old" => new Dictionary<string, string[]> { ["destinationFolder"] = ["'/exports/old' already holds an export of this VM ('/exports/old/web'); choose another folder or remove that one."] },
            _ => new Dictionary<string, string[]>(),
        };
    }

    private static VmSnapshot Vm(VmState state = VmState.Running) => new VmSnapshotBuilder().Named("web").In(state).Build();

    private async Task<VmSnapshot> OpenAsync(VmState state = VmState.Running, Checkpoint? checkpoint = null)
    {
        var vm = Vm(state);
        Engine.With(vm);
        Render<MudPopoverProvider>();
        _dialogs = Render<MudDialogProvider>();
        var service = Services.GetRequiredService<IDialogService>();
        await _dialogs.InvokeAsync(() => ExportDialog.ShowAsync(service, vm, checkpoint));
        _dialogs.WaitForElement(".mud-dialog");
        return vm;
    }

    private IElement Location => _dialogs.FindAll(".mud-input-control").Single(c => c.QuerySelector("label")?.TextContent.Trim() == "Location").QuerySelector("input")!;

    private IElement Button(string text) => _dialogs.FindAll("button").Single(b => b.TextContent.Trim() == text);

    private string Text => _dialogs.Find(".mud-dialog").TextContent;

    [Fact]
    public async Task Location_NotWritable_ShownAsYouType_ExportDisabled()
    {
        await OpenAsync();

        Location.Input("/ro");

        _dialogs.WaitForAssertion(() => Assert.Contains("'/ro' is not writable (Read-only file system).", Text, StringComparison.Ordinal));
        Assert.True(Button("Export").IsDisabled());
        Assert.Equal("/ro", _exports.Checked[^1].DestinationFolder);
    }

    [Fact]
    public async Task Location_HoldsThisVmsExport_Refused()
    {
        await OpenAsync();

        Location.Input("/exports/old");

        _dialogs.WaitForAssertion(() => Assert.Contains("already holds an export of this VM", Text, StringComparison.Ordinal));
        Assert.True(Button("Export").IsDisabled());
    }

    [Fact]
    public async Task Location_Valid_SaysWhereTheFolderGoes_ExportEnabled()
    {
        await OpenAsync();
        Assert.True(Button("Export").IsDisabled());

        Location.Input("/exports");

        _dialogs.WaitForAssertion(() => Assert.Contains("The export goes to '/exports/web'.", Text, StringComparison.Ordinal));
        Assert.False(Button("Export").IsDisabled());
    }

    [Fact]
    public async Task RunningVm_SaysItKeepsRunning()
    {
        await OpenAsync(VmState.Running);

        Assert.Contains("'web' keeps running", Text, StringComparison.Ordinal);
        Assert.Contains("Export Virtual Machine 'web'", Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Vhdx_Checked_ShowsTheConsequence_AndTheJobAsksForVhdx()
    {
        var vm = await OpenAsync(VmState.Off);
        Assert.Contains(ExportDialog.ChainText, Text, StringComparison.Ordinal);

        await _dialogs.InvokeAsync(() => _dialogs.FindAll("input[type=checkbox]").Single().Change(true));
        _dialogs.WaitForAssertion(() => Assert.Contains("checkpoints and a saved state are then not exported", Text, StringComparison.Ordinal));
        Location.Input("/exports");
        await _dialogs.InvokeAsync(() => Button("Export").Click());

        _dialogs.WaitForAssertion(() => Assert.Single(Jobs.Enqueued));
        var job = Assert.IsType<HvWeb.Jobs.Vms.EngineOperationJob>(Jobs.Enqueued[0].Job);
        Assert.Equal(StorageJobs.ExportKind, job.Kind);
        Assert.Equal(vm.Id, job.VmId);
        Assert.Equal("Export VM 'web' to '/exports'", job.Description);
        _dialogs.WaitForAssertion(() => Assert.Empty(_dialogs.FindAll(".mud-dialog")));
    }

    [Fact]
    public async Task Export_NotEnoughSpace_TheReasonShown_DialogStays()
    {
        await OpenAsync();
        _exports.RefuseWith = new VmStateException("Not enough free space in '/exports' for the export: 900 MB needed (the disks' allocated sizes and state files), 12 MB free.");
        Location.Input("/exports");

        await _dialogs.InvokeAsync(() => Button("Export").Click());

        _dialogs.WaitForAssertion(() => Assert.Contains("Not enough free space in '/exports'", Text, StringComparison.Ordinal));
        Assert.Empty(Jobs.Enqueued);
        Assert.NotEmpty(_dialogs.FindAll(".mud-dialog"));
    }

    [Fact]
    public async Task Checkpoint_TitleNamesIt_AndTheRequestCarriesItsId()
    {
        var checkpoint = new Checkpoint
        {
            Id = Guid.NewGuid(), VmId = Guid.NewGuid(), Name = "before update", Type = CheckpointKind.Production, CreatedUtc = FakeJobService.Origin,
            Settings = new VmDefinition { Id = Guid.NewGuid(), Name = "web", CreatedUtc = FakeJobService.Origin, Folder = "/vms/web" },
        };
        await OpenAsync(VmState.Off, checkpoint);

        Assert.Contains("Export Checkpoint 'before update'", Text, StringComparison.Ordinal);
        Location.Input("/exports");
        _dialogs.WaitForAssertion(() => Assert.Equal(checkpoint.Id, _exports.Checked[^1].CheckpointId));
    }

    [Fact]
    public void ActionsPane_Export_DisabledInTransitionalStates()
    {
        Assert.Null(ConsoleActions.DisabledReason(ConsoleAction.Export, Vm(VmState.Running), busy: false));
        Assert.Null(ConsoleActions.DisabledReason(ConsoleAction.Export, Vm(VmState.Saved), busy: false));
        Assert.Equal("VM 'web' is Starting; it can be exported when it is Running, Paused, Saved or Off.",
            ConsoleActions.DisabledReason(ConsoleAction.Export, Vm(VmState.Starting), busy: false));
        Assert.Contains(ConsoleAction.Export, ConsoleActions.ForVm);
        Assert.Equal("Export...", ConsoleActions.Label(ConsoleAction.Export));
    }
}
