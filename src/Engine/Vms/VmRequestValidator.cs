using HvWeb.Engine.Errors;
using HvWeb.Engine.Model;

namespace HvWeb.Engine.Vms;

/// <summary>
/// Validates what a user asks for against Hyper-V's rules and this host's limits. Collects every
/// problem (field → sentences) so a form or an API client sees them all at once.
/// </summary>
public sealed class VmRequestValidator(int hostProcessors, long hostMemoryMb)
{
    public const int MaxNameLength = 100;
    public const int MinMemoryMb = 32;
    /// <summary>VHDX's limit (64 TiB); a qcow2 disk for a VM is held to the same.</summary>
    public const int MaxDiskSizeGb = 64 * 1024;
    private static readonly char[] ForbiddenNameChars = ['/', '\\', ':', '*', '?', '"', '<', '>', '|'];

    public void ValidateCreate(VmCreateRequest request)
    {
        var errors = new Dictionary<string, List<string>>();
        CheckName(request.Name, errors);
        if (!Enum.IsDefined(request.Generation))
        {
            Add(errors, "generation", $"Generation {(int)request.Generation} does not exist; choose 1 (BIOS) or 2 (UEFI).");
        }

        if (request.Version is not null && !ConfigurationVersion.TryParse(request.Version, out _))
        {
            Add(errors, "version", $"Configuration version '{request.Version}' is not supported on this host; supported: {string.Join(", ", ConfigurationVersion.Supported)}.");
        }

        CheckMemory(request.MemoryStartupMb, errors);
        CheckProcessors(request.ProcessorCount, errors);
        if (request.Location is not null && !Path.IsPathFullyQualified(request.Location))
        {
            Add(errors, "location", $"Location '{request.Location}' must be an absolute folder path.");
        }

        if (request.NewDiskSizeGb is not null && request.CopyDiskFrom is not null)
        {
            Add(errors, "newDiskSizeGb", "Choose either a new disk or an existing disk to copy, not both.");
        }

        if (request.NewDiskSizeGb is { } size && (size < 1 || size > MaxDiskSizeGb))
        {
            Add(errors, "newDiskSizeGb", $"A new disk must be between 1 and {MaxDiskSizeGb} GB.");
        }

        if (!Enum.IsDefined(request.NewDiskType))
        {
            Add(errors, "newDiskType", "Disk type must be Dynamic or Fixed.");
        }

        if (request.CopyDiskFrom is { } source && !File.Exists(source))
        {
            Add(errors, "copyDiskFrom", $"The disk '{source}' does not exist.");
        }

        CheckIso(request.IsoPath, errors);
        CheckAutomaticActions(request.AutomaticStartAction, request.AutomaticStartDelaySeconds, request.AutomaticStopAction, errors);
        CheckBootOrder(request.BootOrder, errors);
        Throw(errors);
    }

    public void ValidateUpdate(VmUpdateRequest request)
    {
        var errors = new Dictionary<string, List<string>>();
        if (request.Name is not null)
        {
            CheckName(request.Name, errors);
        }

        if (request.MemoryStartupMb is { } memory)
        {
            CheckMemory(memory, errors);
        }

        if (request.ProcessorCount is { } processors)
        {
            CheckProcessors(processors, errors);
        }

        if (request.IsoPath is { Length: > 0 } iso)
        {
            CheckIso(iso, errors);
        }

        CheckAutomaticActions(request.AutomaticStartAction, request.AutomaticStartDelaySeconds, request.AutomaticStopAction, errors);
        CheckBootOrder(request.BootOrder, errors);
        Throw(errors);
    }

    private static void CheckName(string? name, Dictionary<string, List<string>> errors)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            Add(errors, "name", "Type a name for the virtual machine.");
            return;
        }

        if (name.Length > MaxNameLength)
        {
            Add(errors, "name", $"The name has {name.Length} characters; the limit is {MaxNameLength}.");
        }

        var bad = name.Where(c => ForbiddenNameChars.Contains(c) || char.IsControl(c)).Distinct().ToArray();
        if (bad.Length > 0)
        {
            var shown = string.Join(" ", bad.Select(c => char.IsControl(c) ? $"U+{(int)c:X4}" : c.ToString()));
            Add(errors, "name", $"The name cannot contain {shown}: it is used as a folder name.");
        }

        if (name != name.Trim() || name.EndsWith('.'))
        {
            Add(errors, "name", "The name cannot start or end with a space, or end with a dot.");
        }
    }

    private void CheckMemory(int memoryMb, Dictionary<string, List<string>> errors)
    {
        if (memoryMb < MinMemoryMb)
        {
            Add(errors, "memoryStartupMb", $"Startup memory must be at least {MinMemoryMb} MB.");
        }
        else if (memoryMb > hostMemoryMb)
        {
            Add(errors, "memoryStartupMb", $"Startup memory {memoryMb} MB is more than this host has ({hostMemoryMb} MB).");
        }
        else if (memoryMb % 2 != 0)
        {
            Add(errors, "memoryStartupMb", "Startup memory must be a multiple of 2 MB.");
        }
    }

    private void CheckProcessors(int count, Dictionary<string, List<string>> errors)
    {
        if (count < 1 || count > hostProcessors)
        {
            Add(errors, "processorCount", $"The number of virtual processors must be between 1 and {hostProcessors} (the host's logical processors).");
        }
    }

    private static void CheckIso(string? isoPath, Dictionary<string, List<string>> errors)
    {
        if (isoPath is null)
        {
            return;
        }

        if (!isoPath.EndsWith(".iso", StringComparison.OrdinalIgnoreCase))
        {
            Add(errors, "isoPath", $"'{isoPath}' is not an image file (.iso).");
        }
        else if (!File.Exists(isoPath))
        {
            Add(errors, "isoPath", $"The image file '{isoPath}' does not exist.");
        }
    }

    private static void CheckAutomaticActions(AutomaticStartAction? start, int? delay, AutomaticStopAction? stop, Dictionary<string, List<string>> errors)
    {
        if (start is { } s && !Enum.IsDefined(s))
        {
            Add(errors, "automaticStartAction", "Automatic start action must be Nothing, StartIfRunning or AlwaysStart.");
        }

        if (delay is < 0 or > 86400)
        {
            Add(errors, "automaticStartDelaySeconds", "The startup delay must be between 0 and 86400 seconds.");
        }

        if (stop is { } t && !Enum.IsDefined(t))
        {
            Add(errors, "automaticStopAction", "Automatic stop action must be Save, TurnOff or ShutDown.");
        }
    }

    private static void CheckBootOrder(IReadOnlyList<BootDevice>? order, Dictionary<string, List<string>> errors)
    {
        if (order is null)
        {
            return;
        }

        if (order.Any(d => !Enum.IsDefined(d)) || order.Distinct().Count() != order.Count)
        {
            Add(errors, "bootOrder", "The boot order lists each of Cd, HardDrive, Network, Floppy at most once.");
        }
    }

    private static void Add(Dictionary<string, List<string>> errors, string field, string message)
    {
        if (!errors.TryGetValue(field, out var list))
        {
            errors[field] = list = [];
        }

        list.Add(message);
    }

    private static void Throw(Dictionary<string, List<string>> errors)
    {
        if (errors.Count > 0)
        {
            throw new VmValidationException(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        }
    }
}
