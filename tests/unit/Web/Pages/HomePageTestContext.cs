using Bunit;
using HvWeb.Engine.Vms;
using HvWeb.Jobs;
using HvWeb.Jobs.Vms;
using HvWeb.Tests.Unit.Web.Fakes;
using HvWeb.Web.Components.Pages;
using HvWeb.Web.Vms;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace HvWeb.Tests.Unit.Web.Pages;

/// <summary>bUnit with MudBlazor's services and providers, the fake engine and job runner, and "admin" signed in.</summary>
public abstract class HomePageTestContext : BunitContext, IAsyncLifetime
{
    protected HomePageTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLogging();
        Services.AddSingleton<IVmManager>(Engine);
        Services.AddSingleton(new VmActionRunner(Engine, Jobs, Jobs, new VmJobFactory(Engine)));
        AddAuthorization().SetAuthorized("admin");
    }

    protected FakeVmManager Engine { get; } = new();

    protected FakeJobService Jobs { get; } = new();

    protected IRenderedComponent<MudDialogProvider> Dialogs { get; private set; } = default!;

    protected IRenderedComponent<Home> RenderHome()
    {
        Render<MudPopoverProvider>();
        Dialogs = Render<MudDialogProvider>();
        return Render<Home>();
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    /// <summary>MudBlazor's services are async-disposable only, so the container must be disposed asynchronously.</summary>
    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    protected static string StateCell(IRenderedComponent<Home> page, string vmName) =>
        page.FindAll("tr").Single(row => row.QuerySelector("td[data-label='Name']")?.TextContent.Trim() == vmName)
            .QuerySelector("td[data-label='State']")!.TextContent.Trim();

    protected static AngleSharp.Dom.IElement Button(IRenderedComponent<Home> page, string accessibleName) =>
        page.Find($"button[aria-label='{accessibleName}']");
}
