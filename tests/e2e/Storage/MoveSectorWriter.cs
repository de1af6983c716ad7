using System.Globalization;
using HvWeb.Engine.Vms;

namespace HvWeb.Tests.E2e.Storage;

/// <summary>
/// Writes sector after sector (sector i gets byte pattern <see cref="Pattern"/>(i)) through the VM's
/// IDE disk device with HMP <c>qemu-io -d ide0-0</c> — the block path a guest write takes, so a
/// running mirror sees each write — until stopped. Uses QMP without the VM's gate, like a guest
/// that keeps writing whatever the console does.
/// </summary>
internal sealed class SectorWriter : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _written;

    public SectorWriter(VmManager manager, Guid vmId, long offset)
    {
        _loop = Task.Run(async () =>
        {
            for (var i = 0; !_stop.IsCancellationRequested; i++)
            {
                var qmp = manager.ViewForMove(vmId).Qmp ?? throw new InvalidOperationException("The VM has no QEMU process.");
                var command = string.Create(CultureInfo.InvariantCulture, $"qemu-io -d ide0-0 \"write -P 0x{Pattern(i):x2} {offset + (i * 512L)} 512\"");
                var reply = await qmp.ExecuteAsync("human-monitor-command", new Dictionary<string, object> { ["command-line"] = command });
                var text = reply.GetString() ?? "";
                // HMP's qemu-io prints its own report to QEMU's stdout (gone with -daemonize): any reply is an error.
                if (text.Trim().Length > 0 && !text.Contains("wrote 512/512", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"Write {i} failed: {text}");
                }

                Interlocked.Increment(ref _written);
            }
        });
    }

    /// <summary>Sectors written so far (sector 0 up to <c>Written - 1</c>).</summary>
    public int Written => Volatile.Read(ref _written);

    public static byte Pattern(int sector) => (byte)((sector % 250) + 1);

    public async Task WaitForAsync(int count)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (Written < count)
        {
            if (_loop.IsCompleted)
            {
                await _loop;
            }

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(120), $"only {Written} of {count} writes in 120 s");
            await Task.Delay(20);
        }
    }

    /// <summary>Stops after the write under way; returns the last sector written.</summary>
    public async Task<int> StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        return Written - 1;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
#pragma warning disable CA1031 // A failed loop is reported by StopAsync / WaitForAsync.
        catch (Exception)
#pragma warning restore CA1031
        {
            // A failed loop is reported by StopAsync / WaitForAsync; disposal only ends it.
        }

        _stop.Dispose();
    }
}
