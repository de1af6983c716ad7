using HvWeb.Engine.Model;

namespace HvWeb.Engine.Storage;

/// <summary>What a file of a VM is to a storage move (decides how it travels).</summary>
public enum MoveFileKind
{
    /// <summary>The disk file a drive uses now ("Now"): mirrored while the VM runs, copied or linked when off.</summary>
    ActiveDisk,

    /// <summary>A checkpoint's frozen disk file (read-only while the checkpoint exists): copied or linked, then rebased.</summary>
    FrozenDisk,

    /// <summary>A file of the runtime folder (saved state, logs, pid file).</summary>
    RuntimeFile,

    /// <summary>The generation 2 UEFI variable store (QEMU's pflash): mirrored while the VM runs.</summary>
    FirmwareVars,

    /// <summary>A checkpoint's record (JSON): written anew with the new paths, never copied.</summary>
    CheckpointRecord,

    /// <summary>A Standard checkpoint's memory and device state.</summary>
    CheckpointState,
}

/// <summary>One file the move places: <paramref name="From"/> → <paramref name="To"/> (equal when it stays).</summary>
/// <param name="Field">The request field that decides its place (for refusals: "folder", "configurationFolder", "checkpointFolder", "diskFolders[path]").</param>
/// <param name="Drive">The drive the disk file belongs to (disks only).</param>
public sealed record MoveFile(MoveFileKind Kind, string From, string To, string Field, DriveDefinition? Drive = null)
{
    public bool Moves => From != To;

    public bool IsDisk => Kind is MoveFileKind.ActiveDisk or MoveFileKind.FrozenDisk;
}
