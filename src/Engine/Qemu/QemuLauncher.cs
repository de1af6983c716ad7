using HvWeb.Engine.Errors;
using HvWeb.Engine.Host;
using HvWeb.Engine.Model;
using Microsoft.Extensions.Logging;

namespace HvWeb.Engine.Qemu;

/// <summary>
/// Starts a QEMU that daemonizes (<c>-daemonize</c>): the foreground process exits once the VM is set
/// up (0) or failed (non-zero, with QEMU's reason on stderr or in the <c>-D</c> log). The daemon runs in
/// its own session, so it outlives this process; its pid comes from the pid file.
/// </summary>
public sealed class QemuLauncher(ILogger<QemuLauncher> logger)
{
    /// <summary>Setting up a VM takes well under a second; a start that hangs this long is stopped.</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Prepares the runtime folder and the private socket folder, builds the command line for
    /// <paramref name="vm"/> and launches it. Returns the daemon's pid.
    /// </summary>
    public Task<int> LaunchAsync(VmDefinition vm, QemuLaunchContext context, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(context.RuntimeFolder);
        PrivateFolder.EnsureSocketFolder(context.SocketFolder);
        var commandLine = QemuCommandBuilder.Build(vm, context);
        var pidFile = Path.Combine(context.RuntimeFolder, Path.GetFileName(VmPaths.PidFile(vm)));
        return LaunchAsync(commandLine, pidFile, cancellationToken);
    }

    /// <summary>Runs <paramref name="commandLine"/> (binary first) in the pid file's folder and returns the daemon's pid.</summary>
    /// <exception cref="VmOperationException">QEMU is missing or refused to start; the message has QEMU's words.</exception>
    public async Task<int> LaunchAsync(IReadOnlyList<string> commandLine, string pidFile, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfZero(commandLine.Count);
        var runtimeFolder = Path.GetDirectoryName(Path.GetFullPath(pidFile))!;
        Directory.CreateDirectory(runtimeFolder);
        File.Delete(pidFile);
        var logFile = LogFileOf(commandLine);
        if (logFile is not null)
        {
            // QEMU truncates it anyway; deleting it first means whatever is in it after a failure is from this start.
            File.Delete(logFile);
        }

        logger.LogInformation("Starting QEMU: {CommandLine}", CommandLineText.Format(commandLine));
        var result = await RunAsync(commandLine, runtimeFolder, pidFile, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            var reason = Reason(result, logFile);
            logger.LogWarning("QEMU failed to start (exit code {ExitCode}): {Reason}", result.ExitCode, reason);
            throw new VmOperationException($"QEMU could not start the virtual machine: {reason}");
        }

        var pid = ReadPid(pidFile)
            ?? throw new VmOperationException($"QEMU started but wrote no process id to '{pidFile}'.");
        logger.LogInformation("QEMU is running as process {Pid}", pid);
        return pid;
    }

    private static async Task<ProcessResult> RunAsync(
        IReadOnlyList<string> commandLine, string runtimeFolder, string pidFile, CancellationToken cancellationToken)
    {
        try
        {
            return await ProcessRunner.RunAsync(commandLine[0], commandLine.Skip(1), StartTimeout, runtimeFolder, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (FileNotFoundException e)
        {
            throw new VmOperationException($"QEMU is not installed: '{commandLine[0]}' was not found.", e);
        }
        catch (TimeoutException e)
        {
            KillDaemon(pidFile);
            throw new VmOperationException($"QEMU did not finish starting within {StartTimeout.TotalSeconds:0} s and was stopped.", e);
        }
        catch (OperationCanceledException)
        {
            KillDaemon(pidFile);
            throw;
        }
    }

    /// <summary>A start given up half-way may have left a daemon behind: stop it (only if it is really QEMU).</summary>
    private static void KillDaemon(string pidFile)
    {
        if (ReadPid(pidFile) is not { } pid || !new ProcessStatsReader().IsAlive(pid))
        {
            return;
        }

        try
        {
            using var daemon = System.Diagnostics.Process.GetProcessById(pid);
            daemon.Kill();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            // It exited meanwhile.
        }
    }

    private static int? ReadPid(string pidFile)
    {
        try
        {
            return int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid) && pid > 0 ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The <c>-D</c> file: with -daemonize QEMU writes its stderr there.</summary>
    private static string? LogFileOf(IReadOnlyList<string> commandLine)
    {
        for (var i = 1; i < commandLine.Count - 1; i++)
        {
            if (commandLine[i] == "-D")
            {
                return commandLine[i + 1];
            }
        }

        return null;
    }

    private static string Reason(ProcessResult result, string? logFile)
    {
        var lines = result.StandardError.Split('\n').ToList();
        if (logFile is not null && File.Exists(logFile))
        {
            lines.AddRange(File.ReadAllLines(logFile));
        }

        var text = string.Join('\n', lines.Select(l => l.Trim()).Where(l => l.Length > 0).Distinct());
        return text.Length > 0 ? text : $"it exited with code {result.ExitCode} and said nothing.";
    }
}
