using HvWeb.Engine.Errors;
using HvWeb.Engine.Model;
using HvWeb.Engine.Vms.Settings;

namespace HvWeb.Engine.Vms;

/// <summary>
/// Validates what a user asks for against Hyper-V's rules and this host's limits. Collects every
/// problem (field → sentences) so a form or an API client sees them all at once.
/// </summary>
public sealed class VmRequestValidator(int hostProcessors, long hostMemoryMb, Func<string, bool>? switchExists = null)
{
    /// <summary>The host as the hardware rules see it, with its virtual switches (none when <c>switchExists</c> is not given).</summary>
    public HostLimits Host { get; } = new(hostProcessors, hostMemoryMb, switchExists ?? (_ => false));

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
        CheckWizardFields(request, errors);
        Throw(errors);
    }

    /// <summary>The New Virtual Machine wizard's networking, disk and installation choices.</summary>
    private void CheckWizardFields(VmCreateRequest request, Dictionary<string, List<string>> errors)
    {
        if (request.SwitchName is { } name && !Host.SwitchExists(name))
        {
            Add(errors, "switchName", $"Virtual switch '{name}' does not exist on this host; choose an existing virtual switch (Virtual Switch Manager) or Not Connected.");
        }

        var diskChoices = (request.NewDiskSizeGb is not null ? 1 : 0) + (request.CopyDiskFrom is not null ? 1 : 0) + (request.ExistingDiskPath is not null ? 1 : 0);
        if (diskChoices > 1)
        {
            Add(errors, "existingDiskPath", "Choose one of: create a virtual hard disk, use an existing virtual hard disk, or attach one later.");
        }

        if (request.NewDiskName is { } diskName)
        {
            if (diskName.Length == 0 || diskName.IndexOfAny(['/', '\\', '\0']) >= 0 || diskName is "." or "..")
            {
                Add(errors, "newDiskName", $"'{diskName}' is not a file name; type a name such as web01.qcow2 (no folders).");
            }
            else if (!diskName.EndsWith(".qcow2", StringComparison.OrdinalIgnoreCase))
            {
                Add(errors, "newDiskName", "A new virtual hard disk is a .qcow2 file (HvWeb's running format; VHDX is an interchange format): end the name with .qcow2.");
            }
            else if (request.NewDiskSizeGb is null)
            {
                Add(errors, "newDiskName", "A disk name is used only when creating a virtual hard disk; give it a size too.");
            }
        }

        if (request.NewDiskLocation is { } diskFolder && !Path.IsPathFullyQualified(diskFolder))
        {
            Add(errors, "newDiskLocation", $"Location '{diskFolder}' must be an absolute folder path.");
        }

        if (request.ExistingDiskPath is { } existing)
        {
            if (!Path.IsPathFullyQualified(existing))
            {
                Add(errors, "existingDiskPath", $"'{existing}' must be an absolute path.");
            }
            else if (!File.Exists(existing))
            {
                Add(errors, "existingDiskPath", $"The virtual hard disk '{existing}' does not exist.");
            }
            else if (!existing.EndsWith(".qcow2", StringComparison.OrdinalIgnoreCase))
            {
                Add(errors, "existingDiskPath", $"'{existing}' is not a .qcow2 disk, and a VM here runs from qcow2 (QEMU's VHDX and VHD drivers block saved state, checkpoints and migration), so it cannot be attached as it is: "
                    + "convert it to qcow2 (copyDiskFrom, or \"Convert to qcow2\" in the wizard, copies it into the VM's folder as part of creating the VM), or convert it first with Edit Disk.");
            }
        }

        if (request.InstallFromNetwork && request.IsoPath is not null)
        {
            Add(errors, "installFromNetwork", "Choose one installation option: an image file (.iso) or a network-based installation server.");
        }
    }

    /// <summary>
    /// Every rule for a whole definition (the VM as it would be after a change): ranges, Hyper-V's
    /// impossible combinations and the configuration version's features. <paramref name="old"/>
    /// (the VM before) limits the on-disk checks to drives that are new.
    /// </summary>
    public void CheckDefinition(VmDefinition vm, VmDefinition? old, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(vm);
        ArgumentNullException.ThrowIfNull(errors);
        MemoryProcessorRules.Check(vm, Host, errors);
        StorageRules.Check(vm, old, errors);
        DeviceRules.Check(vm, Host, errors);
    }

    /// <summary>What is wrong with <paramref name="request"/> for the VM <paramref name="current"/> (400), field by field.</summary>
    public FieldErrors CheckUpdate(VmDefinition current, VmUpdateRequest request)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(request);
        var errors = new FieldErrors();
        try
        {
            ValidateUpdate(request);
        }
        catch (VmValidationException e)
        {
            foreach (var (field, messages) in e.Errors)
            {
                foreach (var message in messages)
                {
                    errors.Add(field, message);
                }
            }
        }

        var merged = VmUpdateMerge.Apply(current, request);
        var rules = new FieldErrors();
        CheckDefinition(merged, current, rules);
        foreach (var (field, messages) in rules.ToDictionary())
        {
            // Report only what this request touches: a rule broken before the change (an older file) is not the user's input.
            if (Touches(request, field))
            {
                foreach (var message in messages)
                {
                    errors.Add(field, message);
                }
            }
        }

        return errors;
    }

    /// <summary>Whether a field error belongs to something the request sets (or depends on it: startup memory within min/max).</summary>
    private static bool Touches(VmUpdateRequest r, string field)
    {
        var root = field.Split('[', '.')[0];
        return root switch
        {
            "memoryStartupMb" or "memoryMinimumMb" or "memoryMaximumMb" => r.MemoryStartupMb is not null || r.MemoryMinimumMb is not null || r.MemoryMaximumMb is not null || r.DynamicMemoryEnabled is not null,
            "memoryBufferPercent" => r.MemoryBufferPercent is not null,
            "memoryWeight" => r.MemoryWeight is not null,
            "processorCount" => r.ProcessorCount is not null,
            "processorReservePercent" or "processorLimitPercent" => r.ProcessorReservePercent is not null || r.ProcessorLimitPercent is not null,
            "processorWeight" => r.ProcessorWeight is not null,
            "secureBoot" => r.SecureBoot is not null,
            "scsiControllerCount" => r.ScsiControllerCount is not null,
            "drives" => r.Drives is not null || r.IsoPath is not null || r.ScsiControllerCount is not null,
            "networkAdapters" => r.NetworkAdapters is not null,
            "com1PipeName" => r.Com1PipeName is not null,
            "com2PipeName" => r.Com2PipeName is not null || r.Com1PipeName is not null,
            "floppyPath" => r.FloppyPath is not null,
            "bootOrder" => r.BootOrder is not null,
            "checkpointType" => r.CheckpointType is not null,
            "checkpointFileLocation" => r.CheckpointFileLocation is not null,
            "smartPagingFileLocation" => r.SmartPagingFileLocation is not null,
            _ => true,
        };
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
