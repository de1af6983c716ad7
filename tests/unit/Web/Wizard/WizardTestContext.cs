using Bunit;
using HvWeb.Engine;
using HvWeb.Engine.Host;
using HvWeb.Engine.Vms;
using HvWeb.Jobs.Vms;
using HvWeb.Persistence.Preferences;
using HvWeb.Tests.Unit.Web.Fakes;
using HvWeb.Web.Components.HostSettings;
using HvWeb.Web.Vms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;

namespace HvWeb.Tests.Unit.Web.Wizard;

/// <summary>bUnit with MudBlazor, the fake engine and jobs, real host settings in a temporary data root, preferences in memory, "admin" signed in.</summary>
public abstract class WizardTestContext : BunitContext, IAsyncLifetime
{
    protected WizardTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        DataRoot = Directory.CreateTempSubdirectory("hvweb-wizard-").FullName;
        HostSettings = new HostSettingsStore(Options.Create(new EngineOptions { DataRoot = DataRoot }));
        Services.AddMudServices();
        Services.AddLogging();
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton<IVmManager>(Engine);
        Services.AddSingleton(HostSettings);
        Services.AddSingleton<IUserPreferenceStore>(Preferences);
        Services.AddSingleton<UserSettings>();
        Services.AddSingleton(new VmActionRunner(Engine, Jobs, Jobs, new VmJobFactory(Engine)));
        AddAuthorization().SetAuthorized("admin");
    }

    protected string DataRoot { get; }

    protected HostSettingsStore HostSettings { get; }

    protected FakeVmManager Engine { get; } = new();

    protected FakeJobService Jobs { get; } = new();

    protected MemoryPreferenceStore Preferences { get; } = new();

    protected IRenderedComponent<MudDialogProvider> Dialogs { get; private set; } = null!;

    protected async Task<IDialogReference> ShowAsync<TDialog>()
        where TDialog : Microsoft.AspNetCore.Components.IComponent
    {
        if (Dialogs is null)
        {
            Render<MudPopoverProvider>();
            Dialogs = Render<MudDialogProvider>();
        }

        var service = Services.GetRequiredService<IDialogService>();
        return await Dialogs.InvokeAsync(() => service.ShowAsync<TDialog>());
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        Directory.Delete(DataRoot, recursive: true);
    }
}
