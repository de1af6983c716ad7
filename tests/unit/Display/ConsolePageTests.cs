using Bunit;
using HvWeb.Engine.Model;
using HvWeb.Engine.Vms;
using HvWeb.Jobs.Vms;
using HvWeb.Tests.Unit.Web.Fakes;
using HvWeb.Web.Components.Console;
using HvWeb.Web.Vms;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace HvWeb.Tests.Unit.Display;

/// <summary>The console page's words and controls (the canvas itself is tested in a real browser, tests/e2e/Display).</summary>
public sealed class ConsolePageTests : BunitContext, IAsyncLifetime
{
    private HvWeb.Tests.Unit.Checkpoints.Fakes.FakeCheckpointService Checkpoints { get; } = new();

    private readonly FakeVmManager _engine = new();
    private readonly FakeJobService _jobs = new();

    public ConsolePageTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLogging();
        Services.AddSingleton<IVmManager>(_engine);
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton(new VmActionRunner(_engine, _jobs, _jobs, new VmJobFactory(_engine)));
        Services.AddSingleton<HvWeb.Engine.Checkpoints.ICheckpointService>(Checkpoints);
        Services.AddSingleton<HvWeb.Jobs.IJobService>(_jobs);
        Services.AddSingleton(new HvWeb.Jobs.Checkpoints.CheckpointJobs(_engine, Checkpoints));
        AddAuthorization().SetAuthorized("admin");
    }

    [Fact]
    public void VmOff_OverlaySaysSoAndStartIsOffered()
    {
        var vm = new VmSnapshotBuilder().Named("web01").In(VmState.Off).Build();
        _engine.With(vm);

        var page = RenderConsole(vm.Id);

        Assert.Equal("VM 'web01' is Off. Start it to see its screen.", page.Find("[role=status]").TextContent.Trim());
        Assert.False(page.Find("button[aria-label='Start web01']").HasAttribute("disabled"));
        Assert.Equal("web01", page.Find("h1").TextContent.Trim());
        Assert.NotNull(page.Find("canvas[aria-label='Screen of web01']"));
    }

    [Fact]
    public void VmStarts_OverlaySaysConnecting_ThenDisappearsOnceDrawn()
    {
        var vm = new VmSnapshotBuilder().Named("web01").In(VmState.Off).Build();
        _engine.With(vm);
        var page = RenderConsole(vm.Id);

        _engine.Push(vm.Id, vm with { State = VmState.Running });
        page.WaitForAssertion(() => Assert.Equal("Connecting to the screen…", page.Find("[role=status]").TextContent.Trim()));

        page.InvokeAsync(() => page.Instance.OnDisplayState("connected", "", 0));
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[role=status]")));
        Assert.Contains("Connected", page.Find("[aria-label='Connection: Connected']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void DisplayLost_OverlayGivesServersSentenceAndRetry()
    {
        var vm = new VmSnapshotBuilder().Named("web01").In(VmState.Running).Build();
        _engine.With(vm);
        var page = RenderConsole(vm.Id);

        page.InvokeAsync(() => page.Instance.OnDisplayState("disconnected", "The connection to the screen of VM 'web01' was lost: reset.", 2000));

        page.WaitForAssertion(() => Assert.Equal(
            "The connection to the screen of VM 'web01' was lost: reset. Reconnecting in 2 s…",
            page.Find("[role=status]").TextContent.Trim()));
    }

    [Fact]
    public void ReadOnly_NoInputControlsAndMarked()
    {
        var vm = new VmSnapshotBuilder().Named("web01").In(VmState.Running).Build();
        _engine.With(vm);

        var page = RenderConsole(vm.Id, "?readOnly=true");

        Assert.Contains("Read-only", page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(page.FindAll("button"), b => b.TextContent.Contains("Ctrl+Alt+Del", StringComparison.Ordinal));
        Assert.DoesNotContain(page.FindAll("button"), b => b.TextContent.Contains("Type clipboard text", StringComparison.Ordinal));
        Assert.Empty(page.FindAll("button[aria-label='Turn Off web01']"));
    }

    [Fact]
    public void Start_Click_RunsAsAJob()
    {
        var vm = new VmSnapshotBuilder().Named("web01").In(VmState.Off).Build();
        _engine.With(vm);
        var page = RenderConsole(vm.Id);

        page.Find("button[aria-label='Start web01']").Click();

        page.WaitForAssertion(() => Assert.Equal("admin", Assert.Single(_jobs.Enqueued).StartedBy));
    }

    [Fact]
    public void Checkpoint_Click_RunsACheckpointJob()
    {
        var vm = new VmSnapshotBuilder().Named("web01").In(VmState.Running).Build();
        _engine.With(vm);
        var page = RenderConsole(vm.Id);

        page.Find("button[aria-label='Checkpoint web01']").Click();

        page.WaitForAssertion(() => Assert.Equal("checkpoint", Assert.Single(_jobs.Enqueued).Job.Kind));
    }

    [Fact]
    public void Checkpoint_CheckpointsDisabled_ButtonDisabled()
    {
        var vm = new VmSnapshotBuilder().Named("web02").In(VmState.Running).Build();
        _engine.With(vm with { Definition = vm.Definition with { CheckpointsEnabled = false } });
        var page = RenderConsole(vm.Id);

        Assert.True(page.Find("button[aria-label='Checkpoint web02']").HasAttribute("disabled"));
    }

    [Fact]
    public void UnknownVm_SaysItDoesNotExist()
    {
        var page = RenderConsole(Guid.NewGuid());

        Assert.Equal("This virtual machine does not exist on this host.", page.Find("[role=status]").TextContent.Trim());
    }

    private IRenderedComponent<ConsolePage> RenderConsole(Guid id, string query = "")
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/vms/{id}/console{query}");
        Render<MudPopoverProvider>();
        Render<MudDialogProvider>();
        return Render<ConsolePage>(parameters => parameters.Add(p => p.Id, id));
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();
}
