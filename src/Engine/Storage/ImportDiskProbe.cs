using System.Text.Json;
using HvWeb.Engine.Errors;
using HvWeb.Engine.Host;

namespace HvWeb.Engine.Storage;

/// <summary>A disk file's format and parent as qemu-img reads them (the parent need not exist).</summary>
/// <param name="Backing">The parent made absolute by qemu-img (a relative name is relative to the disk's folder); null: none.</param>
/// <param name="BackingRecorded">The parent exactly as the disk records it (restored if an in-place import is undone).</param>
public sealed record ImportDisk(string Format, string? Backing, string? BackingRecorded, string? BackingFormat);

/// <summary>qemu-img for import: info (without opening the parents, so a missing one is reported, not fatal) and rebase -u.</summary>
public sealed class ImportDiskProbe(EngineOptions options)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <exception cref="VmOperationException">qemu-img cannot read the file.</exception>
    public async Task<ImportDisk> InspectAsync(string file, CancellationToken cancellationToken)
    {
        var result = await RunAsync(["info", "--output=json", "-U", .. FormatHint(file), file], cancellationToken).ConfigureAwait(false);
        try
        {
            using var json = JsonDocument.Parse(result);
            var root = json.RootElement;
            var recorded = root.TryGetProperty("backing-filename", out var b) ? b.GetString() : null;
            var full = root.TryGetProperty("full-backing-filename", out var f) ? f.GetString() : null;
            if (recorded is not null && full is null)
            {
                full = ImportPaths.IsAbsolute(recorded) ? recorded : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, recorded));
            }

            return new ImportDisk(
                root.GetProperty("format").GetString() ?? "raw",
                full,
                recorded,
                root.TryGetProperty("backing-filename-format", out var bf) ? bf.GetString() : null);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new VmOperationException($"qemu-img info gave an unexpected answer for '{file}': {e.Message}", e);
        }
    }

    /// <summary>Points a qcow2 file at a parent without reading or writing data (<c>qemu-img rebase -u</c>); the parent need not exist yet.</summary>
    public async Task RebaseAsync(string file, string backing, string? backingFormat, CancellationToken cancellationToken) =>
        await RunAsync(["rebase", "-u", "-f", "qcow2", "-b", backing, .. (backingFormat is null ? (string[])[] : ["-F", backingFormat]), file], cancellationToken).ConfigureAwait(false);

    /// <summary>Converts a VHDX, VHD or raw disk into a new qcow2 file with qemu-img's own progress (0–100).</summary>
    public async Task ConvertAsync(string from, string format, string to, Action<int> percent, CancellationToken cancellationToken) =>
        await new Disks.QemuImgRunner(options).RunAsync(["convert", "-p", "-f", format, "-O", "qcow2", from, to], percent, cancellationToken).ConfigureAwait(false);

    private static string[] FormatHint(string file) =>
        Path.GetExtension(file).Equals(".vhd", StringComparison.OrdinalIgnoreCase) ? ["-f", "vpc"] : [];

    private async Task<string> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        ProcessResult result;
        try
        {
            result = await ProcessRunner.RunAsync(options.QemuImgBinary, arguments, Timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException e)
        {
            throw new VmOperationException($"qemu-img is not installed: '{options.QemuImgBinary}' was not found.", e);
        }
        catch (TimeoutException e)
        {
            throw new VmOperationException($"qemu-img {arguments[0]} did not finish in time: {e.Message}", e);
        }

        if (result.ExitCode != 0)
        {
            var message = result.StandardError.Trim();
            throw new VmOperationException(message.Length > 0 ? message : $"qemu-img {arguments[0]} failed with exit code {result.ExitCode}.");
        }

        return result.StandardOutput;
    }
}
