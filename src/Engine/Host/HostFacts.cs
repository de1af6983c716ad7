using System.Globalization;
using System.Text.RegularExpressions;
using HvWeb.Engine.Errors;

namespace HvWeb.Engine.Host;

/// <summary>Plain facts about this host, read from the system when asked.</summary>
public static partial class HostFacts
{
    private static readonly TimeSpan VersionTimeout = TimeSpan.FromSeconds(15);

    /// <summary>QEMU's version from <c>--version</c>, e.g. "7.2.22".</summary>
    /// <exception cref="VmOperationException">QEMU is missing or did not answer.</exception>
    public static async Task<string> QemuVersionAsync(string qemuBinary = "qemu-system-x86_64", CancellationToken cancellationToken = default)
    {
        ProcessResult result;
        try
        {
            result = await ProcessRunner.RunAsync(qemuBinary, ["--version"], VersionTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException e)
        {
            throw new VmOperationException($"QEMU is not installed: '{qemuBinary}' was not found.", e);
        }
        catch (TimeoutException e)
        {
            throw new VmOperationException($"'{qemuBinary} --version' did not answer: {e.Message}", e);
        }

        return ParseQemuVersion(result.StandardOutput)
            ?? throw new VmOperationException($"'{qemuBinary} --version' said something unexpected: {result.StandardOutput.Trim()} {result.StandardError.Trim()}");
    }

    /// <summary>"QEMU emulator version 7.2.22 (Debian 1:7.2+dfsg-7+deb12u18+b3)" → "7.2.22".</summary>
    internal static string? ParseQemuVersion(string text) =>
        VersionPattern().Match(text) is { Success: true } match ? match.Groups[1].Value : null;

    /// <summary>Processors this process may use (respects CPU affinity and cgroup limits).</summary>
    public static int LogicalProcessors() => Environment.ProcessorCount;

    /// <summary>MemTotal of /proc/meminfo, in MiB.</summary>
    public static long MemoryTotalMb() => ParseMemTotalMb(File.ReadAllText("/proc/meminfo"));

    internal static long ParseMemTotalMb(string meminfo)
    {
        var line = meminfo.Split('\n').FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))
            ?? throw new InvalidDataException("/proc/meminfo has no MemTotal line.");
        var kib = long.Parse(line["MemTotal:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
        return kib / 1024;
    }

    public static string HostName() => Environment.MachineName;

    /// <summary>The running kernel, e.g. "6.1.0-28-amd64" (/proc/sys/kernel/osrelease).</summary>
    public static string KernelRelease() => File.ReadAllText("/proc/sys/kernel/osrelease").Trim();

    [GeneratedRegex(@"version (\d+\.\d+(?:\.\d+)?)")]
    private static partial Regex VersionPattern();
}
