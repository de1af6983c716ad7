using System.ComponentModel;
using System.Diagnostics;

namespace HvWeb.Engine.Host;

/// <summary>
/// Runs a program to its end with an argument list (never a shell string) and collects its output.
/// On timeout or cancellation the whole process tree is killed.
/// </summary>
public static class ProcessRunner
{
    /// <summary>After the child exits, how long to wait for its pipes to close (a daemonized grandchild may hold them).</summary>
    private static readonly TimeSpan PipeGrace = TimeSpan.FromSeconds(2);

    private const int NoSuchFile = 2; // ENOENT

    /// <exception cref="FileNotFoundException">the program does not exist.</exception>
    /// <exception cref="TimeoutException">it ran longer than <paramref name="timeout"/> (it was killed).</exception>
    public static Task<ProcessResult> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken) =>
        RunAsync(fileName, arguments, timeout, workingDirectory: null, cancellationToken);

    /// <inheritdoc cref="RunAsync(string, IEnumerable{string}, TimeSpan, CancellationToken)"/>
    public static async Task<ProcessResult> RunAsync(
        string fileName, IEnumerable<string> arguments, TimeSpan timeout, string? workingDirectory, CancellationToken cancellationToken)
    {
        using var process = Start(fileName, arguments, workingDirectory);
        using var stopReading = new CancellationTokenSource();
        var stdout = new OutputCollector(process.StandardOutput, stopReading.Token);
        var stderr = new OutputCollector(process.StandardError, stopReading.Token);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            deadline.CancelAfter(timeout);
        }

        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await KillAsync(process).ConfigureAwait(false);
            await stopReading.CancelAsync().ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"'{fileName}' did not finish within {timeout.TotalSeconds:0.#} s and was stopped.");
        }

        stopReading.CancelAfter(PipeGrace);
        await Task.WhenAll(stdout.Completion, stderr.Completion).ConfigureAwait(false);
        return new ProcessResult(process.ExitCode, stdout.Text, stderr.Text);
    }

    private static Process Start(string fileName, IEnumerable<string> arguments, string? workingDirectory)
    {
        var info = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (workingDirectory is not null)
        {
            info.WorkingDirectory = workingDirectory;
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        Process? process;
        try
        {
            process = Process.Start(info);
        }
        catch (Win32Exception e) when (e.NativeErrorCode == NoSuchFile)
        {
            throw new FileNotFoundException($"'{fileName}' was not found.", fileName, e);
        }

        if (process is null)
        {
            throw new InvalidOperationException($"'{fileName}' could not be started.");
        }

        // The child gets an empty stdin, never ours.
        process.StandardInput.Close();
        return process;
    }

    internal static async Task KillAsync(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }

        await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
    }
}
