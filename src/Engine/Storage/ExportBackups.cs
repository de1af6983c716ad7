using System.Text.Json;
using HvWeb.Engine.Errors;
using HvWeb.Engine.Qemu;

namespace HvWeb.Engine.Storage;

/// <summary>
/// The point in time of a running or paused VM: one QMP <c>transaction</c> of <c>blockdev-backup</c>
/// actions, one per disk QEMU writes to, onto new files (sync=top when the disk has a backing chain,
/// whose frozen files are copied separately; sync=full otherwise). From that instant QEMU copies a
/// cluster to the target before the guest overwrites it, so the targets hold the disks as they were
/// at the transaction, while the guest keeps running.
/// </summary>
internal sealed class ExportBackups(QmpClient qmp, TimeProvider time)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private readonly List<(string JobId, string Node, long Bytes, string Label)> _jobs = [];
    private readonly List<object> _actions = [];

    /// <summary>Bytes per second for each backup job (0 = unlimited); set by tests and benchmarks to watch a job under way.</summary>
    public long SpeedLimit { get; init; }

    /// <summary>Adds the target files (already created, empty) to QEMU; <see cref="StartAsync"/> then starts every backup at once.</summary>
    /// <param name="backups">Source file (QEMU has it open as a drive's top), target file, target format, sync mode, bytes (weight), label.</param>
    public async Task AddTargetsAsync(IReadOnlyList<(string Source, string Target, string Format, bool Top, long Bytes, string Label)> backups, CancellationToken cancellationToken)
    {
        var nodes = await qmp.ExecuteAsync("query-named-block-nodes", null, cancellationToken).ConfigureAwait(false);
        var prefix = "export-" + Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < backups.Count; i++)
        {
            var (source, target, format, top, bytes, label) = backups[i];
            var node = FormatNodeOf(nodes, source) ?? throw new VmOperationException($"QEMU does not have '{source}' open; the disk cannot be exported while the VM runs.");
            var targetNode = $"{prefix}-{i}";
            var add = new Dictionary<string, object?>
            {
                ["driver"] = format,
                ["node-name"] = targetNode,
                ["file"] = new Dictionary<string, object?> { ["driver"] = "file", ["filename"] = target },
            };
            if (format == "qcow2")
            {
                // The backing file is written into the header afterwards (qemu-img rebase -u): QEMU only writes the top's clusters.
                add["backing"] = null;
            }

            await qmp.ExecuteAsync("blockdev-add", add, cancellationToken).ConfigureAwait(false);
            _jobs.Add((targetNode, targetNode, bytes, label));
            var data = new Dictionary<string, object?>
            {
                ["job-id"] = targetNode,
                ["device"] = node,
                ["target"] = targetNode,
                ["sync"] = top ? "top" : "full",
                ["auto-dismiss"] = false,
            };
            if (SpeedLimit > 0)
            {
                data["speed"] = SpeedLimit;
            }

            _actions.Add(new Dictionary<string, object?> { ["type"] = "blockdev-backup", ["data"] = data });
        }
    }

    /// <summary>The point in time: one transaction starts every backup (it only sets up the copy-before-write filters, so it is short).</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await qmp.ExecuteAsync("transaction", new Dictionary<string, object?>
        {
            ["actions"] = _actions,
            ["properties"] = new Dictionary<string, object?> { ["completion-mode"] = "grouped" },
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits for every job to conclude, reporting bytes; a cancel cancels the jobs (see <see cref="DisposeAsync"/>).</summary>
    public async Task WaitAsync(ExportMeter meter, CancellationToken cancellationToken)
    {
        var total = _jobs.Sum(j => j.Bytes);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var jobs = await qmp.ExecuteAsync("query-jobs", null, CancellationToken.None).ConfigureAwait(false);
            var concluded = 0;
            var fraction = 0.0;
            foreach (var (id, _, bytes, _) in _jobs)
            {
                var job = jobs.EnumerateArray().FirstOrDefault(j => j.GetProperty("id").GetString() == id);
                if (job.ValueKind != JsonValueKind.Object)
                {
                    throw new VmOperationException("QEMU's export job disappeared.");
                }

                if (job.GetProperty("status").GetString() == "concluded")
                {
                    if (job.TryGetProperty("error", out var error))
                    {
                        throw new VmOperationException($"QEMU could not export the disk: {error.GetString()}");
                    }

                    concluded++;
                    fraction += bytes;
                }
                else if (job.GetProperty("total-progress").GetInt64() is var all and > 0)
                {
                    fraction += bytes * Math.Min(1.0, job.GetProperty("current-progress").GetInt64() / (double)all);
                }
            }

            meter.Report(total, total > 0 ? fraction / total : 0, "Copying the disks at the export's point in time");
            if (concluded == _jobs.Count)
            {
                meter.Done(total);
                return;
            }

            await Task.Delay(PollInterval, time, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Cancels what still runs, dismisses the jobs and removes the target nodes (QEMU closes the files).</summary>
    public async Task CleanUpAsync()
    {
        foreach (var (id, _, _, _) in _jobs)
        {
            await TryAsync("job-cancel", new { id }).ConfigureAwait(false);
        }

        for (var i = 0; i < 300 && _jobs.Count > 0; i++)
        {
            var jobs = await qmp.ExecuteAsync("query-jobs", null, CancellationToken.None).ConfigureAwait(false);
            var ours = jobs.EnumerateArray().Where(j => _jobs.Any(x => x.JobId == j.GetProperty("id").GetString())).ToList();
            if (ours.All(j => j.GetProperty("status").GetString() == "concluded"))
            {
                break;
            }

            await Task.Delay(PollInterval, time, CancellationToken.None).ConfigureAwait(false);
        }

        foreach (var (id, node, _, _) in _jobs)
        {
            await TryAsync("job-dismiss", new { id }).ConfigureAwait(false);
            await TryAsync("blockdev-del", new Dictionary<string, object> { ["node-name"] = node }).ConfigureAwait(false);
        }

        _jobs.Clear();
    }

    private async Task TryAsync(string command, object arguments)
    {
        try
        {
            await qmp.ExecuteAsync(command, arguments, CancellationToken.None).ConfigureAwait(false);
        }
        catch (QmpException)
        {
            // Already gone (a job that concluded and was dismissed, a node never added).
        }
    }

    /// <summary>The format node (qcow2, raw…) QEMU opened for <paramref name="file"/>, not its protocol node.</summary>
    private static string? FormatNodeOf(JsonElement nodes, string file) =>
        nodes.EnumerateArray()
            .Where(n => n.GetProperty("file").GetString() == file && n.GetProperty("drv").GetString() is not ("file" or "host_device" or "copy-before-write"))
            .Select(n => n.GetProperty("node-name").GetString())
            .FirstOrDefault();
}
