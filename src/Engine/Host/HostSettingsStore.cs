using System.Text.Json;
using HvWeb.Engine.Errors;
using Microsoft.Extensions.Options;

namespace HvWeb.Engine.Host;

/// <summary>
/// Reads and writes <see cref="HostSettings"/> as <c>&lt;data root&gt;/host-settings.json</c>. A change
/// is validated as a whole (field → sentences, like the VM requests), then written to a temporary
/// file and renamed over the old one, so a crash never leaves half a file. Thread-safe.
/// </summary>
public sealed class HostSettingsStore
{
    public const string FileName = "host-settings.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly Lock _sync = new();
    private readonly string _file;
    private readonly string _defaultVmFolder;
    private HostSettings? _current;

    public HostSettingsStore(IOptions<EngineOptions> options)
    {
        var value = options.Value;
        if (string.IsNullOrWhiteSpace(value.DataRoot))
        {
            throw new InvalidOperationException("HvWeb:DataRoot is not set.");
        }

        _file = Path.Combine(value.DataRoot, FileName);
        _defaultVmFolder = value.DefaultVmFolder ?? Path.Combine(value.DataRoot, "Virtual Machines");
    }

    /// <summary>Raised after a change was written, with the new settings.</summary>
    public event Action<HostSettings>? Changed;

    /// <summary>The settings in force (the file's, or the defaults when there is none yet).</summary>
    /// <exception cref="VmOperationException">the file exists but cannot be read.</exception>
    public HostSettings Current
    {
        get
        {
            lock (_sync)
            {
                return _current ??= Load();
            }
        }
    }

    /// <summary>What <see cref="UpdateAsync"/> would refuse, field by field (camelCase names); empty when nothing.</summary>
    public static IReadOnlyDictionary<string, string[]> Check(HostSettingsUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        var errors = new Dictionary<string, string[]>();
        if (update.VirtualHardDisksFolder is { Length: > 0 } disks && FolderProblem(disks, "Virtual Hard Disks") is { } d)
        {
            errors["virtualHardDisksFolder"] = [d];
        }

        if (update.VirtualMachinesFolder is { } vms)
        {
            var problem = vms.Length == 0 ? "Type the folder for virtual machine configuration files." : FolderProblem(vms, "Virtual Machines");
            if (problem is not null)
            {
                errors["virtualMachinesFolder"] = [problem];
            }
        }

        if (update.StorageMigrations is { } count and (< HostSettings.MinStorageMigrations or > HostSettings.MaxStorageMigrations))
        {
            errors["storageMigrations"] = [$"Simultaneous storage migrations must be between {HostSettings.MinStorageMigrations} and {HostSettings.MaxStorageMigrations} ({count} was given)."];
        }

        return errors;
    }

    /// <summary>Applies the change and writes the file; nothing is changed when any field is refused.</summary>
    /// <exception cref="VmValidationException">what is wrong, field by field.</exception>
    /// <exception cref="VmOperationException">the file could not be written (the old settings stay).</exception>
    public Task<HostSettings> UpdateAsync(HostSettingsUpdate update, CancellationToken cancellationToken = default)
    {
        var errors = Check(update);
        if (errors.Count > 0)
        {
            throw new VmValidationException(errors.ToDictionary(e => e.Key, e => e.Value));
        }

        cancellationToken.ThrowIfCancellationRequested();
        HostSettings updated;
        lock (_sync)
        {
            var old = _current ??= Load();
            updated = old with
            {
                VirtualHardDisksFolder = update.VirtualHardDisksFolder is null ? old.VirtualHardDisksFolder
                    : update.VirtualHardDisksFolder.Length == 0 ? null : Path.GetFullPath(update.VirtualHardDisksFolder),
                VirtualMachinesFolder = update.VirtualMachinesFolder is null ? old.VirtualMachinesFolder : Path.GetFullPath(update.VirtualMachinesFolder),
                StorageMigrations = update.StorageMigrations ?? old.StorageMigrations,
                EnhancedSessionModeAllowed = update.EnhancedSessionModeAllowed ?? old.EnhancedSessionModeAllowed,
            };
            Write(updated);
            _current = updated;
        }

        Changed?.Invoke(updated);
        return Task.FromResult(updated);
    }

    private HostSettings Defaults() => new() { VirtualMachinesFolder = _defaultVmFolder };

    private HostSettings Load()
    {
        if (!File.Exists(_file))
        {
            return Defaults();
        }

        try
        {
            var read = JsonSerializer.Deserialize<HostSettings>(File.ReadAllText(_file), Json)
                ?? throw new JsonException("the file holds null");
            return string.IsNullOrWhiteSpace(read.VirtualMachinesFolder) ? read with { VirtualMachinesFolder = _defaultVmFolder } : read;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new VmOperationException($"The host settings file '{_file}' cannot be read: {e.Message}", e);
        }
    }

    private void Write(HostSettings settings)
    {
        var temporary = _file + ".tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_file)!);
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                JsonSerializer.Serialize(stream, settings, Json);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, _file, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw new VmOperationException($"The host settings could not be written to '{_file}': {e.Message}", e);
        }
    }

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The next write replaces it.
        }
    }

    /// <summary>Null when <paramref name="folder"/> is absolute and is (or can be created as) a writable folder.</summary>
    public static string? FolderProblem(string folder, string label)
    {
        if (!Path.IsPathFullyQualified(folder))
        {
            return $"{label}: '{folder}' must be an absolute folder path (starting with /).";
        }

        var full = Path.GetFullPath(folder);
        if (File.Exists(full))
        {
            return $"{label}: '{full}' is a file, not a folder.";
        }

        // The folder itself, or the nearest parent that exists (where it would be created).
        var existing = full;
        while (!Directory.Exists(existing))
        {
            var parent = Path.GetDirectoryName(existing);
            if (parent is null)
            {
                return $"{label}: no part of '{full}' exists.";
            }

            if (File.Exists(parent))
            {
                return $"{label}: '{parent}' is a file, so '{full}' cannot be created.";
            }

            existing = parent;
        }

        var probe = Path.Combine(existing, $".hvweb-write-test-{Guid.NewGuid():N}");
        try
        {
            using (File.Create(probe, 1, FileOptions.DeleteOnClose))
            {
            }

            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return existing == full
                ? $"{label}: the folder '{full}' is not writable by HvWeb ({e.Message})."
                : $"{label}: '{full}' cannot be created because '{existing}' is not writable by HvWeb ({e.Message}).";
        }
    }
}
