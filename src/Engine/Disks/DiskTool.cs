using System.Text.Json;
using HvWeb.Engine.Errors;
using HvWeb.Engine.Host;
using HvWeb.Engine.Model;

namespace HvWeb.Engine.Disks;

/// <summary>
/// Disk files through qemu-img: create qcow2 (fixed = fully preallocated, dynamic = sparse), inspect
/// any format, copy anything qemu-img reads (VHDX, VHD, raw, qcow2 chains) into a standalone qcow2.
/// Failures carry qemu-img's own words.
/// </summary>
public sealed class DiskTool(EngineOptions options)
{
    private static readonly TimeSpan InspectTimeout = TimeSpan.FromSeconds(30);

    /// <exception cref="VmValidationException">a file already exists at <paramref name="path"/>.</exception>
    /// <exception cref="VmOperationException">qemu-img failed.</exception>
    public async Task CreateAsync(string path, long sizeBytes, NewDiskType type, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sizeBytes);
        RefuseExisting(path);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await RunRemovingPartialAsync(QemuImgArguments.Create(path, sizeBytes, type), path, cancellationToken).ConfigureAwait(false);
    }

    /// <exception cref="VmOperationException">qemu-img cannot read the file.</exception>
    public async Task<DiskInfo> InspectAsync(string path, CancellationToken cancellationToken)
    {
        var result = await RunAsync(QemuImgArguments.Info(path), InspectTimeout, cancellationToken).ConfigureAwait(false);
        try
        {
            using var json = JsonDocument.Parse(result.StandardOutput);
            var root = json.RootElement;
            return new DiskInfo(
                root.GetProperty("format").GetString() ?? "",
                root.GetProperty("virtual-size").GetInt64(),
                root.TryGetProperty("actual-size", out var actual) ? actual.GetInt64() : 0,
                BackingFile(root));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new VmOperationException($"qemu-img info gave an unexpected answer for '{path}': {e.Message}", e);
        }
    }

    /// <summary>Copies <paramref name="source"/> (any format qemu-img reads) into a new standalone qcow2 file.</summary>
    /// <exception cref="VmValidationException">a file already exists at <paramref name="destination"/>.</exception>
    /// <exception cref="VmOperationException">qemu-img failed.</exception>
    public async Task CopyAsync(string source, string destination, CancellationToken cancellationToken)
    {
        RefuseExisting(destination);
        var format = QemuImgArguments.FormatHint(source)
            ?? (await InspectAsync(source, cancellationToken).ConfigureAwait(false)).Format;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(destination))!);
        await RunRemovingPartialAsync(QemuImgArguments.ConvertToQcow2(source, format, destination), destination, cancellationToken)
            .ConfigureAwait(false);
    }

    private static string? BackingFile(JsonElement root) =>
        root.TryGetProperty("full-backing-filename", out var full) ? full.GetString()
        : root.TryGetProperty("backing-filename", out var relative) ? relative.GetString()
        : null;

    private static void RefuseExisting(string path)
    {
        if (File.Exists(path) || Directory.Exists(path))
        {
            throw VmValidationException.For("path", $"'{path}' already exists; HvWeb never replaces an existing file with a new disk.");
        }
    }

    /// <summary>Runs a command that writes <paramref name="output"/>; a failed or cancelled run leaves no half-written file.</summary>
    private async Task RunRemovingPartialAsync(IReadOnlyList<string> arguments, string output, CancellationToken cancellationToken)
    {
        try
        {
            await RunAsync(arguments, Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            File.Delete(output);
            throw;
        }
    }

    private async Task<ProcessResult> RunAsync(IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ProcessResult result;
        try
        {
            result = await ProcessRunner.RunAsync(options.QemuImgBinary, arguments, timeout, cancellationToken).ConfigureAwait(false);
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

        return result;
    }
}
