namespace HvWeb.Engine.Disks;

/// <summary>
/// What <c>qemu-img info</c> says about a disk file: its format (qcow2, vhdx, vpc = VHD, raw),
/// the size the guest sees, the space it takes on the host, and its parent for a differencing disk.
/// </summary>
public sealed record DiskInfo(string Format, long VirtualSizeBytes, long ActualSizeBytes, string? BackingFile);
