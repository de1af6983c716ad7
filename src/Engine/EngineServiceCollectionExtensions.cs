using HvWeb.Engine.Disks;
using HvWeb.Engine.Host;
using HvWeb.Engine.Qemu;
using HvWeb.Engine.Vms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace HvWeb.Engine;

public static class EngineServiceCollectionExtensions
{
    /// <summary>
    /// The VM service and its host service. Needs an <see cref="Events.IEventLog"/> (Persistence
    /// registers one). Options: section "HvWeb" (<see cref="EngineOptions"/>).
    /// </summary>
    public static IServiceCollection AddHvEngine(this IServiceCollection services, Action<EngineOptions> configure)
    {
        services.Configure(configure);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<VmEventJournal>();
        services.AddSingleton<QemuLauncher>();
        services.AddSingleton(sp => new DiskTool(sp.GetRequiredService<IOptions<EngineOptions>>().Value));
        services.AddSingleton(sp => new AcceleratorProbe(
            sp.GetRequiredService<IOptions<EngineOptions>>().Value,
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<AcceleratorProbe>>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IDiskService>(sp => new DiskService(
            sp.GetRequiredService<IVmManager>(), sp.GetRequiredService<IOptions<EngineOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<HostSettingsStore>();
        services.AddSingleton<Networking.SwitchService>();
        services.AddSingleton<Networking.MacAddressPool>();
        services.AddSingleton<VmManager>();
        services.AddSingleton<IVmManager>(sp => sp.GetRequiredService<VmManager>());
        services.AddSingleton<Checkpoints.ICheckpointService, Checkpoints.CheckpointService>();
        services.AddSingleton<Storage.ExportService>();
        services.AddSingleton<Storage.IExportService>(sp => sp.GetRequiredService<Storage.ExportService>());
        services.AddSingleton<Storage.IStorageMoveService, Storage.StorageMoveService>();
        services.AddSingleton(sp => new Storage.ImportDiskProbe(sp.GetRequiredService<IOptions<EngineOptions>>().Value));
        services.AddSingleton<Storage.ImportFileCopier>();
        services.AddSingleton<Storage.IImportService, Storage.ImportService>();
        services.AddHostedService<VmHostService>();
        services.AddHostedService<VmMetricsService>();
        services.AddHostedService<DynamicMemoryService>();
        return services;
    }
}
