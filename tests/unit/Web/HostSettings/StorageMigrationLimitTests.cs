using HvWeb.Engine;
using HvWeb.Engine.Host;
using HvWeb.Jobs;
using HvWeb.Web.Api;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HvWeb.Tests.Unit.Web.HostSettings;

public sealed class StorageMigrationLimitTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("hvweb-limit-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task JobRunnerLimit_FollowsTheStorageMigrationsSetting_OtherKindsUnchanged()
    {
        var services = new ServiceCollection();
        services.Configure<EngineOptions>(o => o.DataRoot = _root);
        services.AddSingleton<HostSettingsStore>();
        services.AddHvHostSettings();
        await using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<JobOptions>>().Value;
        var store = provider.GetRequiredService<HostSettingsStore>();

        Assert.Equal(2, options.LimitOf(HostSettingsEndpoints.StorageMoveJobKind));
        await store.UpdateAsync(new HostSettingsUpdate { StorageMigrations = 5 });

        Assert.Equal(5, options.LimitOf(HostSettingsEndpoints.StorageMoveJobKind));
        Assert.Equal(2, options.LimitOf("migrate"));
        Assert.Equal(options.DefaultLimit, options.LimitOf("create-vm"));
    }
}
