using AngleSharp.Dom;
using Bunit;
using HvWeb.Engine.Errors;
using HvWeb.Engine.Model;
using HvWeb.Engine.Storage;
using HvWeb.Engine.Vms;
using HvWeb.Jobs.Storage;
using HvWeb.Tests.Unit.Web.Fakes;
using HvWeb.Tests.Unit.Web.Wizard;
using HvWeb.Web.Components.Storage;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace HvWeb.Tests.Unit.Storage;

/// <summary>The Move Wizard with a fake storage move service at the seam: pages, the disabled VM move, checks as you type, summary, job.</summary>
public sealed class MoveWizardTests : WizardTestContext
{
    private readonly FakeMoves _moves = new();
    private readonly VmSnapshot _vm = new VmSnapshotBuilder().Named("web").In(VmState.Running)
        .WithDrives(new DriveDefinition { Controller = ControllerType.Ide, Path = "/srv/vms/web/Virtual Hard Disks/web.qcow2" },
            new DriveDefinition { Controller = ControllerType.Ide, Location = 1, Path = "/srv/vms/web/Virtual Hard Disks/data.qcow2" }).Build();

    public MoveWizardTests()
    {
        Engine.With(_vm);
        Services.AddSingleton<IStorageMoveService>(_moves);
        Services.AddSingleton<HvWeb.Jobs.IJobService>(Jobs);
        Services.AddSingleton(sp => new StorageJobs(Engine, sp));
    }

    private IRenderedComponent<MudDialogProvider> Provider { get; set; } = null!;

    private IRenderedComponent<MoveWizard> Wizard => Provider.FindComponent<MoveWizard>();

    private IElement Button(string text) => Provider.FindAll("button").Single(b => b.TextContent.Trim() == text);

    private string PageText => Provider.Find(".hv-wizard-page").TextContent;

    private IElement Field(string label) =>
        Provider.FindAll(".hv-wizard-page .mud-input-control").Single(c => c.QuerySelector("label")?.TextContent.Trim() == label).QuerySelector("input")!;

    private IElement Radio(string label) =>
        Provider.FindAll(".hv-wizard-page label").Single(l => l.TextContent.Trim() == label).QuerySelector("input[type=radio]")!;

    private async Task OpenAsync()
    {
        Render<MudPopoverProvider>();
        Provider = Render<MudDialogProvider>();
        var service = Services.GetRequiredService<IDialogService>();
        await Provider.InvokeAsync(() => service.ShowAsync<MoveWizard>("Move Wizard", new DialogParameters<MoveWizard> { { w => w.VmId, _vm.Id } }));
        Provider.WaitForAssertion(() => Assert.Contains("Choose Move Type", PageText, StringComparison.Ordinal));
    }

    private async Task NextAsync() => await Provider.InvokeAsync(() => Button("Next >").Click());

    [Fact]
    public async Task ChooseMoveType_MoveTheVirtualMachine_DisabledWithTheReason()
    {
        await OpenAsync();

        Assert.True(Radio("Move the virtual machine").IsDisabled());
        Assert.False(Radio("Move the virtual machine's storage").IsDisabled());
        Assert.Contains(MoveWizard.NoPeerHosts, PageText, StringComparison.Ordinal);
        Assert.Contains("Move \"web\" Wizard", Provider.Markup, StringComparison.Ordinal);
        await NextAsync();
        Assert.Equal(MovePage.ChooseOptions, Wizard.Instance.Page);
        Assert.Contains("Move all of the virtual machine's data to a single location", PageText, StringComparison.Ordinal);
        Assert.Contains("This option allows you to move only the virtual machine's virtual hard disks.", PageText, StringComparison.Ordinal);
        Assert.Contains("it keeps running", PageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AllToOneFolder_CheckedAsYouType_SummaryThenFinishEnqueuesTheMove()
    {
        await OpenAsync();
        await NextAsync();
        await NextAsync();
        Assert.Equal(MovePage.Locations, Wizard.Instance.Page);

        Field("Folder").Input("relative");
        Provider.WaitForAssertion(() => Assert.Contains("must be an absolute path", PageText, StringComparison.Ordinal));
        Assert.True(Button("Next >").IsDisabled());

        Field("Folder").Input("/fast/web");
        Provider.WaitForAssertion(() => Assert.False(Button("Next >").IsDisabled()));
        await NextAsync();
        Provider.WaitForAssertion(() => Assert.Equal(MovePage.Summary, Wizard.Instance.Page));
        Assert.Contains("Hard disk ide0-0 (web.qcow2)", PageText, StringComparison.Ordinal);
        Assert.Contains("300 MB", PageText, StringComparison.Ordinal);

        await Provider.InvokeAsync(() => Button("Finish").Click());
        var (job, _) = Assert.Single(Jobs.Enqueued);
        Assert.Equal(StorageJobs.MoveKind, job.Kind);
        Assert.Equal(new MoveStorageRequest(MoveStorageMode.AllToOneFolder, Folder: "/fast/web"), Assert.Single(_moves.Validated));
    }

    [Fact]
    public async Task DisksOnly_OnlyTheChangedDiskIsSent()
    {
        await OpenAsync();
        await NextAsync();
        await Provider.InvokeAsync(() => Radio("Move only the virtual machine's virtual hard disks").Click());
        await NextAsync();

        Assert.Contains("Virtual hard disk data.qcow2", PageText, StringComparison.Ordinal);
        Field("Virtual hard disk data.qcow2").Input("/ssd");
        Provider.WaitForAssertion(() => Assert.False(Button("Next >").IsDisabled()));

        var request = Wizard.Instance.Request;
        Assert.Equal(MoveStorageMode.DisksOnly, request.Mode);
        Assert.Equal("/ssd", Assert.Single(request.DiskFolders!, d => d.Key.EndsWith("data.qcow2", StringComparison.Ordinal)).Value);
        Assert.Single(request.DiskFolders!);
    }

    [Fact]
    public async Task Summary_RefusedForSpace_ShowsTheReasonAndFinishStaysDisabled()
    {
        _moves.PlanFailure = new VmStateException("Not enough free space to move the storage of VM 'web': the file system at '/' needs 2 GB and has 1 GB free.");
        await OpenAsync();
        await NextAsync();
        await NextAsync();
        Field("Folder").Input("/full");
        Provider.WaitForAssertion(() => Assert.False(Button("Next >").IsDisabled()));
        await NextAsync();

        Provider.WaitForAssertion(() => Assert.Contains("Not enough free space", PageText, StringComparison.Ordinal));
        Assert.True(Button("Finish").IsDisabled());
        await Provider.InvokeAsync(() => Button("< Previous").Click());
        Assert.Equal(MovePage.Locations, Wizard.Instance.Page);
    }

    /// <summary>The seam: checks a folder is absolute; plans one disk of 300 MB; validation counts requests.</summary>
    private sealed class FakeMoves : IStorageMoveService
    {
        public Exception? PlanFailure { get; set; }

        public List<MoveStorageRequest> Validated { get; } = [];

        public IReadOnlyDictionary<string, string[]> CheckMove(Guid vmId, MoveStorageRequest request)
        {
            var errors = new Dictionary<string, string[]>();
            if (request.Mode == MoveStorageMode.AllToOneFolder && !(request.Folder ?? "").StartsWith('/'))
            {
                errors["folder"] = ["The folder for the virtual machine must be an absolute path (starting with /)."];
            }

            return errors;
        }

        public Task<IReadOnlyList<MoveItem>> PlanMoveAsync(Guid vmId, MoveStorageRequest request, CancellationToken cancellationToken) =>
            PlanFailure is { } failure ? Task.FromException<IReadOnlyList<MoveItem>>(failure)
                : Task.FromResult<IReadOnlyList<MoveItem>>([new MoveItem("Hard disk ide0-0 (web.qcow2)", "/srv/vms/web/Virtual Hard Disks/web.qcow2", "/fast/web/Virtual Hard Disks/web.qcow2", 300L << 20)]);

        public Task ValidateMoveAsync(Guid vmId, MoveStorageRequest request, CancellationToken cancellationToken)
        {
            Validated.Add(request);
            return Task.CompletedTask;
        }

        public Task MoveAsync(Guid vmId, MoveStorageRequest request, IProgress<OperationProgress> progress, CancellationToken cancellationToken) =>
            throw new NotSupportedException("The wizard only enqueues the job.");
    }
}
