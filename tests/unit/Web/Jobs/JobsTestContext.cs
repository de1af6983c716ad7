using Bunit;
using HvWeb.Engine.Vms;
using HvWeb.Jobs;
using HvWeb.Tests.Unit.Web.Fakes;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace HvWeb.Tests.Unit.Web.Jobs;

/// <summary>bUnit with MudBlazor, the fake engine and job runner, and "admin" signed in.</summary>
public abstract class JobsTestContext : BunitContext, IAsyncLifetime
{
    protected JobsTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLogging();
        Services.AddSingleton<IVmManager>(Engine);
        Services.AddSingleton<IJobService>(JobService);
        AddAuthorization().SetAuthorized("admin");
    }

    protected FakeVmManager Engine { get; } = new();

    protected FakeJobService JobService { get; } = new();

    protected IRenderedComponent<MudDialogProvider> Dialogs { get; private set; } = default!;

    protected ISnackbar Snackbar => Services.GetRequiredService<ISnackbar>();

    protected void RenderProviders()
    {
        Render<MudPopoverProvider>();
        Dialogs = Render<MudDialogProvider>();
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    /// <summary>MudBlazor's services are async-disposable only, so the container must be disposed asynchronously.</summary>
    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();
}
