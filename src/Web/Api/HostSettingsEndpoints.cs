using HvWeb.Engine.Host;
using HvWeb.Jobs;
using HvWeb.Web.Components.HostSettings;

namespace HvWeb.Web.Api;

/// <summary>Hyper-V Settings of the host (server part): GET/PATCH /host/settings.</summary>
public static class HostSettingsEndpoints
{
    /// <summary>The storage move job's kind, whose limit follows "Storage Migrations".</summary>
    public const string StorageMoveJobKind = "move-storage";

    public static void Map(IEndpointRouteBuilder api)
    {
        var host = api.MapGroup("/host/settings").WithTags("Host");
        host.MapGet("/", (HostSettingsStore store) => TypedResults.Ok(store.Current))
            .WithName("GetHostSettings")
            .WithSummary("Hyper-V Settings: default folders, simultaneous storage migrations, Enhanced Session Mode policy.")
            .Produces<HostSettings>();
        host.MapPatch("/", async (HostSettingsUpdate update, HostSettingsStore store, CancellationToken cancellationToken) =>
                TypedResults.Ok(await store.UpdateAsync(update, cancellationToken)))
            .WithName("UpdateHostSettings")
            .WithSummary("Changes Hyper-V Settings; omitted fields stay as they are.")
            .WithDescription("Folders must be absolute and writable, or creatable, by HvWeb; virtualHardDisksFolder \"\" puts new disks "
                + "in each VM's own folder again. storageMigrations is 1–16 and limits the storage moves running at once. "
                + "enhancedSessionModeAllowed is stored; enhanced sessions come in a later version, until then sessions are basic. "
                + "Nothing is changed when any field is refused (400, field by field). New VMs and new disks use the folders "
                + "when the request names no location.")
            .Produces<HostSettings>()
            .ProducesValidationProblem();
    }

    /// <summary>The settings store (Engine registers it) and the jobs runner's storage-migration limit that follows it.</summary>
    public static IServiceCollection AddHvHostSettings(this IServiceCollection services)
    {
        services.AddScoped<UserSettings>();
        services.AddOptions<JobOptions>().Configure<HostSettingsStore>((options, store) =>
            options.LimitOverride = kind => kind == StorageMoveJobKind ? StorageMigrations(store) : null);
        return services;
    }

    /// <summary>The setting, or null (the configured limit) while the settings file cannot be read: the queue must keep going.</summary>
    private static int? StorageMigrations(HostSettingsStore store)
    {
        try
        {
            return store.Current.StorageMigrations;
        }
        catch (HvWeb.Engine.Errors.VmOperationException)
        {
            return null;
        }
    }
}
