using System.Text.Json;
using HvWeb.Engine.Errors;
using HvWeb.Engine.Host;
using HvWeb.Engine.Model;
using HvWeb.Engine.Qemu;

namespace HvWeb.Engine.Vms;

/// <summary>Saved state: Save (QEMU migration into a state file) and its restore at the next start.</summary>
public sealed partial class VmManager
{
    private async Task RestoreStateAsync(VmDefinition vm, VmRuntime runtime, CancellationToken cancellationToken)
    {
        var link = StateLink(runtime);
        File.CreateSymbolicLink(link, VmPaths.SavedStateFile(vm));
        try
        {
            await runtime.Qmp.ExecuteAsync("migrate-incoming", new { uri = "exec:cat " + link }, cancellationToken).ConfigureAwait(false);
            await WaitForMigrationAsync(runtime, "restoring the saved state", null, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(link);
        }
    }

    /// <summary>
    /// A path for QEMU's <c>exec:</c> migration URI, which goes through /bin/sh: it lies in the socket
    /// folder, whose name holds only hex digits, dashes and the GUID, so no user input reaches the
    /// shell. It is a symbolic link to the real state file in the VM folder.
    /// </summary>
    private static string StateLink(VmRuntime runtime)
    {
        var link = Path.Combine(runtime.SocketFolder, "state");
        if (link.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '/' or '-' or '_' or '.')))
        {
            throw new VmOperationException($"The socket folder '{runtime.SocketFolder}' has characters that cannot be passed to QEMU safely.");
        }

        return link;
    }

    /// <param name="onActive">Called with each <c>query-migrate</c> answer while the migration runs.</param>
    private async Task WaitForMigrationAsync(VmRuntime runtime, string what, Action<JsonElement>? onActive, CancellationToken cancellationToken)
    {
        while (true)
        {
            var info = await runtime.Qmp.ExecuteAsync("query-migrate", null, cancellationToken).ConfigureAwait(false);
            var status = info.TryGetProperty("status", out var s) ? s.GetString() : null;
            switch (status)
            {
                case "completed":
                    return;
                case "failed" or "cancelled":
                    var detail = info.TryGetProperty("error-desc", out var d) ? d.GetString() : status;
                    throw new VmOperationException($"QEMU failed {what}: {detail}");
                default:
                    onActive?.Invoke(info);
                    await Task.Delay(MigrationPollInterval, _time, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }
    }

    public Task SaveAsync(Guid id, IProgress<OperationProgress>? progress = null, CancellationToken cancellationToken = default) =>
        RunExclusiveAsync(id, VmOperation.Save, "Saving", entry => SaveCoreAsync(entry, Track(entry, "Saving", progress), cancellationToken));

    private async Task SaveCoreAsync(VmEntry entry, IProgress<OperationProgress> progress, CancellationToken cancellationToken)
    {
        var vm = entry.Definition;
        var runtime = RuntimeOf(entry);
        var previous = entry.State;
        var final = VmPaths.SavedStateFile(vm);
        var partial = final + ".partial";
        var link = StateLink(runtime);
        Apply(entry, VmSignal.SaveBegun);
        try
        {
            File.Delete(partial);
            File.Delete(link);
            File.CreateSymbolicLink(link, partial);
            progress.Report(new OperationProgress(0, "Pausing the VM"));
            await runtime.Qmp.ExecuteAsync("stop", null, cancellationToken).ConfigureAwait(false);
            progress.Report(new OperationProgress(5, "Writing memory and device state"));
            await runtime.Qmp.ExecuteAsync("migrate", new { uri = "exec:cat > " + link }, cancellationToken).ConfigureAwait(false);
            await WaitForMigrationAsync(runtime, "writing the saved state", info => ReportSaveProgress(info, progress), cancellationToken).ConfigureAwait(false);
            File.Delete(link);
        }
        catch (Exception e)
        {
            if (e is not QmpConnectionClosedException)
            {
                await CancelMigrationAsync(runtime).ConfigureAwait(false);
                if (previous == VmState.Running)
                {
                    await runtime.Qmp.ExecuteAsync("cont", null, CancellationToken.None).ConfigureAwait(false);
                }
            }

            File.Delete(link);
            File.Delete(partial);

            Apply(entry, VmSignal.SaveFailed, previous);
            var reason = e is OperationCanceledException ? "the save was cancelled" : e.Message;
            await _journal.ErrorAsync(vm, $"VM '{vm.Name}' could not be saved: {reason}. It was left {previous}.").ConfigureAwait(false);
            if (e is VmOperationException or OperationCanceledException)
            {
                throw;
            }

            throw new VmOperationException($"VM '{vm.Name}' could not be saved: {reason}", e);
        }

        // The state file is complete: end the process, then make the file look done.
        progress.Report(new OperationProgress(97, "Stopping QEMU"));
        runtime.ExitOwnedByOperation = true;
        await EndProcessAsync(runtime).ConfigureAwait(false);
        await runtime.Exited.Task.WaitAsync(ExitTimeout, _time, CancellationToken.None).ConfigureAwait(false);
        File.Move(partial, final, overwrite: true);
        Apply(entry, VmSignal.SaveCompleted);
        progress.Report(new OperationProgress(100, "Saved"));
        await _journal.InfoAsync(vm, $"VM '{vm.Name}' was saved ({new FileInfo(final).Length / (1024 * 1024)} MB state file).").ConfigureAwait(false);
    }

    /// <summary>Stops a save under way (cancelled or failed) and waits until QEMU has let go of the state file.</summary>
    private async Task CancelMigrationAsync(VmRuntime runtime)
    {
        await runtime.Qmp.ExecuteAsync("migrate_cancel", null, CancellationToken.None).ConfigureAwait(false);
        var deadline = _time.GetUtcNow() + ExitTimeout;
        while (_time.GetUtcNow() < deadline)
        {
            var info = await runtime.Qmp.ExecuteAsync("query-migrate", null, CancellationToken.None).ConfigureAwait(false);
            var status = info.TryGetProperty("status", out var s) ? s.GetString() : null;
            if (status is null or "cancelled" or "failed" or "completed" or "none")
            {
                return;
            }

            await Task.Delay(MigrationPollInterval, _time).ConfigureAwait(false);
        }
    }

    /// <summary>Memory written so far (QMP <c>ram.transferred</c> of <c>ram.total</c>), between 5 % and 95 %.</summary>
    private static void ReportSaveProgress(JsonElement info, IProgress<OperationProgress> progress)
    {
        if (info.TryGetProperty("ram", out var ram) && ram.TryGetProperty("total", out var total) && ram.TryGetProperty("transferred", out var transferred) && total.GetInt64() > 0)
        {
            var share = Math.Min(1.0, transferred.GetInt64() / (double)total.GetInt64());
            progress.Report(new OperationProgress(5 + (int)(share * 90), "Writing memory and device state"));
        }
    }
}
