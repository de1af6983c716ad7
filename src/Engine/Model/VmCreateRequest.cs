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
    public int ProcessorCount { get; init; } = 1;
    public string? Location { get; init; }
    public int? NewDiskSizeGb { get; init; }
    public NewDiskType NewDiskType { get; init; } = NewDiskType.Dynamic;
    public string? CopyDiskFrom { get; init; }
    public string? IsoPath { get; init; }
    public IReadOnlyList<BootDevice>? BootOrder { get; init; }
    public AutomaticStartAction? AutomaticStartAction { get; init; }
    public int? AutomaticStartDelaySeconds { get; init; }
    public AutomaticStopAction? AutomaticStopAction { get; init; }
}
