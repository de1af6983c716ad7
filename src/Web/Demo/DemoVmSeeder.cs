using HvWeb.Engine;
using HvWeb.Engine.Vms;
using Microsoft.Extensions.Options;

namespace HvWeb.Web.Demo;

/// <summary>
/// Once the host has started (the engine included), creates "Demo VM" unless it was created before
/// (the marker file in the data root says so, even when the VM was deleted since).
/// </summary>
public sealed class DemoVmSeeder(
    IVmManager vms,
    IOptions<EngineOptions> engine,
    IOptions<DemoVmOptions> demo,
    IHostApplicationLifetime lifetime,
    ILogger<DemoVmSeeder> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!demo.Value.Enabled)
        {
            return;
        }

        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            await started.Task;
        }

        try
        {
            await SeedAsync(stoppingToken);
        }
#pragma warning disable CA1031 // A demo that cannot be created must not stop the host.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            logger.LogWarning(ex, "Could not create the demo VM: {Reason}", ex.Message);
        }
    }

    /// <summary>Creates the demo VM when it is due. Returns whether it did.</summary>
    public async Task<bool> SeedAsync(CancellationToken cancellationToken)
    {
        var marker = Path.Combine(engine.Value.DataRoot, DemoVm.MarkerFileName);
        if (File.Exists(marker))
        {
            return false;
        }

        var image = ImagePath();
        if (image is null)
        {
            return false;
        }

        if (vms.List().Any(vm => vm.Name == DemoVm.Name))
        {
            logger.LogInformation("A VM named '{Name}' exists already; no demo VM created", DemoVm.Name);
        }
        else
        {
            var vm = await vms.CreateAsync(DemoVm.Request(image), null, cancellationToken);
            logger.LogInformation("Created the demo VM '{Name}' ({Id}) from {Image}", vm.Name, vm.Id, image);
        }

        await File.WriteAllTextAsync(marker, "The demo VM was created; delete this file to get it back.\n", cancellationToken);
        return true;
    }

    private string? ImagePath()
    {
        var folder = engine.Value.GuestImagesFolder;
        var image = string.IsNullOrWhiteSpace(folder) ? null : Path.Combine(folder, DemoVm.ImageFileName);
        if (image is not null && File.Exists(image))
        {
            return image;
        }

        logger.LogWarning(
            "No demo VM: {Image} is missing. Build the guest images with guest/build.sh and set HvWeb:GuestImagesFolder to their folder.",
            image ?? $"HvWeb:GuestImagesFolder is not set, so {DemoVm.ImageFileName}");
        return null;
    }
}
