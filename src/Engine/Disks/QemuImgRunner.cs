using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using HvWeb.Engine.Errors;
using HvWeb.Engine.Host;
using HvWeb.Engine.Vms;

namespace HvWeb.Engine.Disks;

/// <summary>
/// Runs qemu-img with an argument list (never a shell string), passing its own progress
/// (<c>-p</c> output) on as it comes. Cancelling kills it. qemu-img's lock error ("Failed to get
/// "write" lock") becomes a sentence saying the disk is in use.
/// </summary>
internal sealed class QemuImgRunner(EngineOptions options)
{
    public async Task<string> RunAsync(IReadOnlyList<string> arguments, Action<int>? percent, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(options.QemuImgBinary)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new VmOperationException($"qemu-img {arguments[0]} could not be started.");
        }
        catch (Win32Exception e)
        {
            throw new VmOperationException($"qemu-img is not installed: '{options.QemuImgBinary}' was not found.", e);
        }

        using (process)
        {
            process.StandardInput.Close();
            var stdout = new StringBuilder();
            var reading = ReadProgressAsync(process.StandardOutput, stdout, percent);
            var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
            try
            {
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                await ProcessRunner.KillAsync(process).ConfigureAwait(false);
                throw;
            }

            await reading.ConfigureAwait(false);
            var error = (await stderr.ConfigureAwait(false)).Trim();
            if (process.ExitCode != 0)
            {
                throw Failure(arguments, error, process.ExitCode);
            }

            return stdout.ToString();
        }
    }

    /// <summary>qemu-img's failure as an exception: a lock error is "in use" (409), anything else its own words.</summary>
    internal static Exception Failure(IReadOnlyList<string> arguments, string error, int exitCode)
    {
        if (error.Contains("lock", StringComparison.OrdinalIgnoreCase) && error.Contains("Failed to get", StringComparison.OrdinalIgnoreCase))
        {
            return new VmStateException(
                $"The disk is in use by another program (a running virtual machine holds it open), so qemu-img could not lock it; turn that VM off first. ({error})");
        }

        return new VmOperationException(error.Length > 0 ? error : $"qemu-img {arguments[0]} failed with exit code {exitCode}.");
    }

    private static async Task ReadProgressAsync(StreamReader reader, StringBuilder all, Action<int>? percent)
    {
        var buffer = new char[1024];
        int read;
        var last = -1;
        while ((read = await reader.ReadAsync(buffer, CancellationToken.None).ConfigureAwait(false)) > 0)
        {
            all.Append(buffer, 0, read);
            // The last report may be split across reads: parse the end of everything read so far.
            var tail = all.ToString(Math.Max(0, all.Length - (read + 32)), Math.Min(all.Length, read + 32));
            if (percent is not null && QemuImgProgress.Parse(tail) is { } value && value != last)
            {
                last = value;
                percent(value);
            }
        }
    }
}
