using Bunit;
using HvWeb.Engine.Vms;
using HvWeb.Jobs.Vms;
using HvWeb.Persistence.Preferences;
using HvWeb.Tests.Unit.Persistence;
using HvWeb.Tests.Unit.Web.Fakes;
using HvWeb.Web.Components.Pages;
using HvWeb.Web.Vms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using MudBlazor.Services;

namespace HvWeb.Tests.Unit.Web.Pages;

/// <summary>
/// bUnit with MudBlazor's services and providers, the fake engine and job runner, the real SQLite
/// preference store on an in-memory database, and "admin" signed in.
/// </summary>
public abstract class HomePageTestContext : BunitContext, IAsyncLifetime
{
    private InMemoryDatabase? _database;

    protected HomePageTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLogging();
        Services.AddSingleton<IVmManager>(Engine);
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton(new VmActionRunner(Engine, Jobs, Jobs, new VmJobFactory(Engine)));
        Services.AddSingleton<HvWeb.Engine.Checkpoints.ICheckpointService>(Checkpoints);
        Services.AddSingleton<HvWeb.Jobs.IJobService>(Jobs);
        Services.AddSingleton(new HvWeb.Jobs.Checkpoints.CheckpointJobs(Engine, Checkpoints));
        Services.AddSingleton<IUserPreferenceStore>(_ => Preferences);
        AddAuthorization().SetAuthorized("admin");
    }

    protected FakeVmManager Engine { get; } = new();

    protected FakeJobService Jobs { get; } = new();

    protected HvWeb.Tests.Unit.Checkpoints.Fakes.FakeCheckpointService Checkpoints { get; } = new();

    protected IUserPreferenceStore Preferences { get; set; } = default!;

    protected IRenderedComponent<MudDialogProvider> Dialogs { get; private set; } = default!;

    protected IRenderedComponent<Home> RenderHome()
    {
        Render<MudPopoverProvider>();
        Dialogs = Render<MudDialogProvider>();
        return Render<Home>();
    }

    async Task IAsyncLifetime.InitializeAsync()
    {
        _database = await InMemoryDatabase.CreateMigratedAsync();
        Preferences = new SqliteUserPreferenceStore(_database.Factory, new FakeTimeProvider());
    }

    /// <summary>MudBlazor's services are async-disposable only, so the container must be disposed asynchronously.</summary>
    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    protected static AngleSharp.Dom.IElement Row(IRenderedComponent<Home> page, string vmName) =>
        page.FindAll("tbody tr").Single(row => row.QuerySelector("td[data-label='Name']")?.TextContent.Trim() == vmName);

    protected static string StateCell(IRenderedComponent<Home> page, string vmName) =>
        Row(page, vmName).QuerySelector("td[data-label='State']")!.TextContent.Trim();

    protected static string[] Names(IRenderedComponent<Home> page) =>
        [.. page.FindAll("tbody td[data-label='Name']").Select(cell => cell.TextContent.Trim())];

    /// <summary>Clicks the VM's row: it becomes the selection the details and Actions panes show.</summary>
    protected static void Select(IRenderedComponent<Home> page, string vmName) => Row(page, vmName).Click();

    protected static void Check(IRenderedComponent<Home> page, string vmName) =>
        page.Find($"input[aria-label='Select {vmName}']").Change(true);

    protected static AngleSharp.Dom.IElement Button(IRenderedComponent<Home> page, string accessibleName) =>
        page.Find($"button[aria-label='{accessibleName}']");

    /// <summary>The disabled reason the button carries as its accessible description (also its tooltip).</summary>
    protected static string? Reason(IRenderedComponent<Home> page, string accessibleName)
    {
        var button = Button(page, accessibleName);
        var id = button.GetAttribute("aria-describedby");
        return id is null ? null : page.Find($"#{id}").TextContent.Trim();
    }

    protected void ClickDialogButton(string text) =>
        Dialogs.WaitForAssertion(() => Dialogs.FindAll("button").Single(b => b.TextContent.Trim() == text).Click());
}
