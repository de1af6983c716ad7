namespace HvWeb.Engine.Model;

/// <summary>
/// What "New Virtual Machine" asks for. <see cref="Location"/> null = the host's default folder.
/// Either a new disk (<see cref="NewDiskSizeGb"/>), an existing qcow2 disk copied into the VM's
/// folder (<see cref="CopyDiskFrom"/>), or no disk.
/// </summary>
public sealed record VmCreateRequest
{
    public required string Name { get; init; }
    public string Notes { get; init; } = "";
    public VmGeneration Generation { get; init; } = VmGeneration.Two;
    public string? Version { get; init; }
    public int MemoryStartupMb { get; init; } = 1024;
    /// <summary>Assign Memory: "Use Dynamic Memory for this virtual machine".</summary>
    public bool DynamicMemoryEnabled { get; init; }
    public int ProcessorCount { get; init; } = 1;
    public string? Location { get; init; }
    /// <summary>Configure Networking: the switch of the VM's one network adapter; null = Not Connected.</summary>
    public string? SwitchName { get; init; }
    public int? NewDiskSizeGb { get; init; }
    public NewDiskType NewDiskType { get; init; } = NewDiskType.Dynamic;
    /// <summary>The new disk's file name (default "&lt;VM name&gt;.qcow2").</summary>
    public string? NewDiskName { get; init; }
    /// <summary>The new disk's folder (default the host's virtual hard disk folder or the VM's own).</summary>
    public string? NewDiskLocation { get; init; }
    public string? CopyDiskFrom { get; init; }
    /// <summary>"Use an existing virtual hard disk": attached where it is, not copied.</summary>
    public string? ExistingDiskPath { get; init; }
    public string? IsoPath { get; init; }
    /// <summary>Installation Options: "Install an operating system from a network-based installation server" (network first in the boot order).</summary>
    public bool InstallFromNetwork { get; init; }
    public IReadOnlyList<BootDevice>? BootOrder { get; init; }
    public AutomaticStartAction? AutomaticStartAction { get; init; }
    public int? AutomaticStartDelaySeconds { get; init; }
    public AutomaticStopAction? AutomaticStopAction { get; init; }
}
