using HvWeb.Engine;
using HvWeb.Engine.Host;
using HvWeb.Engine.Vms;
using HvWeb.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HvWeb.Tests.E2e.Support;

/// <summary>
/// The engine and persistence as the console composes them (real SQLite file, real QEMU), without
/// the web layer. Disposing it stops the host service like a console exit: VMs keep running.
/// </summary>
public sealed class EngineHost : IAsyncDisposable
{
    private readonly IHost _host;

    private EngineHost(IHost host) => _host = host;

    public VmManager Manager => _host.Services.GetRequiredService<VmManager>();

    public IServiceProvider Services => _host.Services;

    public static async Task<EngineHost> StartAsync(string dataRoot, Action<EngineOptions>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddHvPersistence(dataRoot);
        builder.Services.AddHvEngine(o =>
        {
            o.DataRoot = dataRoot;
            o.Accelerator = AcceleratorMode.Tcg;
            o.GuestImagesFolder = GuestImages.Folder;
            configure?.Invoke(o);
        });
        var host = builder.Build();
        await host.StartAsync();
        return new EngineHost(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
