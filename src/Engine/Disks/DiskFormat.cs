namespace HvWeb.Engine.Disks;

/// <summary>A virtual hard disk's file format: Hyper-V's VHDX and VHD, and qcow2 (what a running VM uses).</summary>
public enum DiskFormat
{
    Vhdx,
    Vhd,
    Qcow2,
}

/// <summary>Hyper-V's disk types: all space allocated now, growing as written, or the changes over a parent disk.</summary>
public enum VirtualDiskType
{
    Fixed,
    Dynamic,
    Differencing,
}

public static class DiskFormats
{
    public const long MiB = 1024L * 1024;
    public const long GiB = 1024L * MiB;
    public const long TiB = 1024L * GiB;

    /// <summary>qemu-img's name of the format (VHD is "vpc").</summary>
    public static string QemuName(DiskFormat format) => format switch
    {
        DiskFormat.Vhdx => "vhdx",
        DiskFormat.Vhd => "vpc",
        _ => "qcow2",
    };

    public static DiskFormat? FromQemuName(string? name) => name switch
    {
        "vhdx" => DiskFormat.Vhdx,
        "vpc" => DiskFormat.Vhd,
        "qcow2" => DiskFormat.Qcow2,
        _ => null,
    };

    public static string Extension(DiskFormat format) => format switch
    {
        DiskFormat.Vhdx => ".vhdx",
        DiskFormat.Vhd => ".vhd",
        _ => ".qcow2",
    };

    /// <summary>What people call the format ("VHDX").</summary>
    public static string Label(DiskFormat format) => format switch
    {
        DiskFormat.Vhdx => "VHDX",
        DiskFormat.Vhd => "VHD",
        _ => "qcow2",
    };

    /// <summary>Hyper-V's limits: VHD 2040 GiB, VHDX 64 TiB; qcow2 is given VHDX's.</summary>
    public static long MaximumSize(DiskFormat format) => format == DiskFormat.Vhd ? 2040 * GiB : 64 * TiB;

    public static string MaximumSizeText(DiskFormat format) => format == DiskFormat.Vhd ? "2040 GB" : "64 TB";
}
