using HvWeb.Engine.Errors;
using Microsoft.Extensions.Logging;

namespace HvWeb.Engine.Host;

/// <summary>
/// Decides KVM or TCG. /dev/kvm existing is not enough (on nested hosts without vmx/svm QEMU aborts
/// with "failed to set MSR 0x10a"), so KVM counts as usable only when a probe guest really boots with
/// it. The probe's answer is cached per QEMU version, kernel and /dev/kvm presence.
/// </summary>
public sealed class AcceleratorProbe(EngineOptions options, ILogger<AcceleratorProbe> logger, TimeProvider time)
{
    private const string KvmDevice = "/dev/kvm";
    /// <summary>The probe guest boots in about 2 s with KVM; a KVM that hangs instead of failing is caught here.</summary>
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <exception cref="VmOperationException">KVM is required by the setting but is not usable.</exception>
    public async Task<AcceleratorDecision> DecideAsync(CancellationToken cancellationToken)
    {
        if (options.Accelerator == AcceleratorMode.Tcg)
        {
            return Decided(new AcceleratorDecision(Accelerator.Tcg, "TCG forced by setting"));
        }

        var kvmPresent = File.Exists(KvmDevice);
        if (!kvmPresent)
        {
            return Unusable($"KVM not available: {KvmDevice} does not exist");
        }

        if (CannotOpenKvm() is { } why)
        {
            return Unusable($"KVM not available: cannot open {KvmDevice} ({why})");
        }

        var qemuVersion = await HostFacts.QemuVersionAsync(options.QemuBinary, cancellationToken).ConfigureAwait(false);
        var key = AcceleratorCache.Key(qemuVersion, HostFacts.KernelRelease(), kvmPresent);
        var cache = new AcceleratorCache(options.DataRoot);
        if (cache.Read(key) is { } cached)
        {
            logger.LogDebug("Using the cached KVM probe result ({Key})", key);
            return Checked(cached);
        }

        if (KvmProbeGuest.Find(options.GuestImagesFolder) is not { } guest)
        {
            return options.Accelerator == AcceleratorMode.Kvm
                ? Decided(new AcceleratorDecision(Accelerator.Kvm, "KVM forced by setting (not probed: guest images missing)"))
                : Decided(new AcceleratorDecision(Accelerator.Tcg, "KVM not probed: guest images missing"));
        }

        var decision = await ProbeAsync(guest, cancellationToken).ConfigureAwait(false);
        cache.Write(key, decision, time.GetUtcNow());
        return Checked(decision);
    }

    private async Task<AcceleratorDecision> ProbeAsync(KvmProbeGuest guest, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("hvweb-kvm-probe-").FullName;
        var serialLog = Path.Combine(folder, "serial.log");
        using var stopProbe = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        logger.LogInformation("Probing KVM: booting the probe guest with -accel kvm -cpu host");
        var started = time.GetTimestamp();
        var run = ProcessRunner.RunAsync(options.QemuBinary, guest.Arguments(serialLog), Timeout.InfiniteTimeSpan, stopProbe.Token);
        try
        {
            while (!run.IsCompleted && time.GetElapsedTime(started) < ProbeTimeout)
            {
                if (SerialSays(serialLog, KvmProbeGuest.ReadyMarker))
                {
                    return new AcceleratorDecision(Accelerator.Kvm, $"KVM probe guest booted in {time.GetElapsedTime(started).TotalSeconds:0.0} s");
                }

                await Task.WhenAny(run, Task.Delay(PollInterval, time, cancellationToken)).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (SerialSays(serialLog, KvmProbeGuest.ReadyMarker))
            {
                return new AcceleratorDecision(Accelerator.Kvm, "KVM probe guest booted");
            }

            if (!run.IsCompleted)
            {
                return new AcceleratorDecision(Accelerator.Tcg, $"KVM probe timed out: the probe guest did not boot within {ProbeTimeout.TotalSeconds:0} s");
            }

            try
            {
                return new AcceleratorDecision(Accelerator.Tcg, $"KVM probe failed: {FirstError(await run.ConfigureAwait(false))}");
            }
            catch (FileNotFoundException e)
            {
                throw new VmOperationException($"QEMU is not installed: {e.Message}", e);
            }
        }
        finally
        {
            // The probe QEMU never outlives the probe: cancelling kills its process tree.
            await stopProbe.CancelAsync().ConfigureAwait(false);
            await Task.WhenAny(run).ConfigureAwait(false);
            Directory.Delete(folder, recursive: true);
        }
    }

    private AcceleratorDecision Unusable(string reason) => Checked(new AcceleratorDecision(Accelerator.Tcg, reason));

    /// <summary>A TCG answer is a fallback under Auto and an error when the setting demands KVM.</summary>
    private AcceleratorDecision Checked(AcceleratorDecision decision)
    {
        if (decision.Accelerator == Accelerator.Tcg && options.Accelerator == AcceleratorMode.Kvm)
        {
            throw new VmOperationException($"KVM is required by the setting but is not usable: {decision.Reason}");
        }

        return Decided(decision.Accelerator == Accelerator.Tcg && !decision.Reason.EndsWith("; using TCG", StringComparison.Ordinal)
            ? decision with { Reason = decision.Reason + "; using TCG" }
            : decision);
    }

    private AcceleratorDecision Decided(AcceleratorDecision decision)
    {
        logger.LogInformation("Accelerator: {Accelerator} ({Reason})", decision.Accelerator, decision.Reason);
        return decision;
    }

    private static string? CannotOpenKvm()
    {
        try
        {
            using var handle = File.OpenHandle(KvmDevice, FileMode.Open, FileAccess.ReadWrite);
            return null;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return e.Message;
        }
    }

    private static bool SerialSays(string serialLog, string marker)
    {
        try
        {
            return File.Exists(serialLog) && File.ReadAllText(serialLog).Contains(marker, StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>QEMU's first complaint without its "qemu-system-x86_64: " / "error: " prefixes.</summary>
    private string FirstError(ProcessResult result)
    {
        var line = result.StandardError.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);
        if (line is null)
        {
            return $"QEMU exited with code {result.ExitCode}";
        }

        foreach (var prefix in new[] { Path.GetFileName(options.QemuBinary) + ": ", "error: " })
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                line = line[prefix.Length..];
            }
        }

        return line;
    }
}
