using HvWeb.Engine.Model;
using HvWeb.Engine.Qemu;
using HvWeb.Engine.Vms.Settings;

namespace HvWeb.Engine.Vms;

/// <summary>
/// Applying a settings change to a running QEMU: DVD media (blockdev-change-medium / eject), SCSI
/// hard disks (blockdev-add + device_add / device_del + blockdev-del) and network adapters' link
/// (set_link). Each step pushes its undo, so a failure later rolls back what was done.
/// </summary>
public sealed partial class VmManager
{
    /// <summary>How long a SCSI disk removal waits for the guest to let the device go.</summary>
    private static readonly TimeSpan DeviceRemovalTimeout = TimeSpan.FromSeconds(10);

    private async Task ApplyLiveAsync(VmEntry entry, VmDefinition old, VmDefinition updated, Stack<Func<Task>> undo, CancellationToken cancellationToken)
    {
        VmRuntime? runtime;
        lock (entry.Sync)
        {
            runtime = entry.Runtime;
        }

        if (runtime is null)
        {
            return;
        }

        var qmp = runtime.Qmp;
        var plan = DriveChangePlan.Compute(old.Drives, updated.Drives);
        foreach (var drive in plan.MediaChanged)
        {
            var before = old.Drives.First(d => d.Controller == drive.Controller && d.ControllerNumber == drive.ControllerNumber && d.Location == drive.Location);
            await SetMediumAsync(qmp, drive, drive.Path, cancellationToken).ConfigureAwait(false);
            undo.Push(() => SetMediumAsync(qmp, before, before.Path, CancellationToken.None));
        }

        foreach (var drive in plan.ScsiDisksRemoved)
        {
            await RemoveScsiDiskAsync(qmp, drive, cancellationToken).ConfigureAwait(false);
            undo.Push(() => AddScsiDiskAsync(qmp, drive, CancellationToken.None));
        }

        foreach (var drive in plan.ScsiDisksAdded)
        {
            await AddScsiDiskAsync(qmp, drive, cancellationToken).ConfigureAwait(false);
            undo.Push(() => RemoveScsiDiskAsync(qmp, drive, CancellationToken.None));
        }

        for (var i = 0; i < updated.NetworkAdapters.Count; i++)
        {
            var adapter = updated.NetworkAdapters[i];
            var was = old.NetworkAdapters.FirstOrDefault(a => a.Id == adapter.Id);
            if (was is null || string.Equals(was.SwitchName, adapter.SwitchName, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            await ChangeAdapterSwitchAsync(updated, i, was, adapter, qmp, undo, cancellationToken).ConfigureAwait(false);
        }
    }

    private static Task SetMediumAsync(QmpClient qmp, DriveDefinition drive, string? iso, CancellationToken cancellationToken) =>
        iso is null
            ? qmp.ExecuteAsync("eject", HotPlugCommands.Eject(drive), cancellationToken)
            : qmp.ExecuteAsync("blockdev-change-medium", HotPlugCommands.InsertMedium(drive, iso), cancellationToken);

    private static async Task AddScsiDiskAsync(QmpClient qmp, DriveDefinition drive, CancellationToken cancellationToken)
    {
        var nodes = HotPlugCommands.DiskNodes(drive);
        await qmp.ExecuteAsync("blockdev-add", nodes[0], cancellationToken).ConfigureAwait(false);
        try
        {
            await qmp.ExecuteAsync("blockdev-add", nodes[1], cancellationToken).ConfigureAwait(false);
            try
            {
                await qmp.ExecuteAsync("device_add", HotPlugCommands.ScsiDisk(drive), cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await qmp.ExecuteAsync("blockdev-del", new Dictionary<string, object> { ["node-name"] = DriveNames.FormatNode(drive) }, CancellationToken.None).ConfigureAwait(false);
                throw;
            }
        }
        catch
        {
            await qmp.ExecuteAsync("blockdev-del", new Dictionary<string, object> { ["node-name"] = DriveNames.FileNode(drive) }, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    private async Task RemoveScsiDiskAsync(QmpClient qmp, DriveDefinition drive, CancellationToken cancellationToken)
    {
        var id = DriveNames.Device(drive);
        await qmp.ExecuteAsync("device_del", new Dictionary<string, object> { ["id"] = id }, cancellationToken).ConfigureAwait(false);
        // device_del returns before the device is gone: wait until QEMU no longer lists it.
        var deadline = _time.GetUtcNow() + DeviceRemovalTimeout;
        while (await DeviceExistsAsync(qmp, id, cancellationToken).ConfigureAwait(false))
        {
            if (_time.GetUtcNow() > deadline)
            {
                throw new TimeoutException($"The guest did not release the SCSI disk {id} within {DeviceRemovalTimeout.TotalSeconds:0} s.");
            }

            await Task.Delay(MigrationPollInterval, _time, cancellationToken).ConfigureAwait(false);
        }

        await qmp.ExecuteAsync("blockdev-del", new Dictionary<string, object> { ["node-name"] = DriveNames.FormatNode(drive) }, cancellationToken).ConfigureAwait(false);
        await qmp.ExecuteAsync("blockdev-del", new Dictionary<string, object> { ["node-name"] = DriveNames.FileNode(drive) }, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<bool> DeviceExistsAsync(QmpClient qmp, string id, CancellationToken cancellationToken)
    {
        var blocks = await qmp.ExecuteAsync("query-block", null, cancellationToken).ConfigureAwait(false);
        foreach (var block in blocks.EnumerateArray())
        {
            if (block.TryGetProperty("qdev", out var qdev) && qdev.GetString() is { } name && (name == id || name.EndsWith("/" + id, StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A read-only QMP query of a running VM (diagnostics and end-to-end tests: query-block, query-balloon).</summary>
    internal Task<System.Text.Json.JsonElement> QueryAsync(Guid id, string command, CancellationToken cancellationToken = default) =>
        RuntimeOf(Find(id)).Qmp.ExecuteAsync(command, null, cancellationToken);
}
