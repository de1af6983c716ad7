using System.Buffers.Binary;

namespace HvWeb.Engine.Disks;

/// <summary>
/// Reads a VHD's or VHDX's own type from its headers (qemu-img info does not say whether such a
/// disk is fixed or dynamic): the VHD footer's disk type (2 fixed, 3 dynamic, 4 differencing) and
/// the VHDX File Parameters' LeaveBlocksAllocated / HasParent bits.
/// </summary>
internal static class DiskHeaders
{
    private static readonly Guid VhdxMetadataRegion = new("8B7CA206-4790-4B9A-B8FE-575F050F886E");
    private static readonly Guid VhdxFileParameters = new("CAA16737-FA36-4D43-B3B6-33F0AA44E76B");
    private const int VhdxRegionTableOffset = 192 * 1024;

    /// <summary>Null when the file is not a VHD or VHDX this reader understands.</summary>
    public static VirtualDiskType? ReadType(string path, DiskFormat format)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return format switch
            {
                DiskFormat.Vhd => ReadVhd(file),
                DiskFormat.Vhdx => ReadVhdx(file),
                _ => null,
            };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static VirtualDiskType? ReadVhd(FileStream file)
    {
        if (file.Length < 512)
        {
            return null;
        }

        var footer = new byte[512];
        file.Seek(-512, SeekOrigin.End);
        file.ReadExactly(footer);
        if (!footer.AsSpan(0, 8).SequenceEqual("conectix"u8))
        {
            return null;
        }

        return BinaryPrimitives.ReadUInt32BigEndian(footer.AsSpan(60, 4)) switch
        {
            2 => VirtualDiskType.Fixed,
            3 => VirtualDiskType.Dynamic,
            4 => VirtualDiskType.Differencing,
            _ => null,
        };
    }

    private static VirtualDiskType? ReadVhdx(FileStream file)
    {
        var regions = Read(file, VhdxRegionTableOffset, 64 * 1024);
        if (!regions.AsSpan(0, 4).SequenceEqual("regi"u8))
        {
            return null;
        }

        var count = BinaryPrimitives.ReadUInt32LittleEndian(regions.AsSpan(8, 4));
        for (var i = 0; i < count && 16 + (i + 1) * 32 <= regions.Length; i++)
        {
            var entry = regions.AsSpan(16 + i * 32, 32);
            if (new Guid(entry[..16]) != VhdxMetadataRegion)
            {
                continue;
            }

            var metadataOffset = (long)BinaryPrimitives.ReadUInt64LittleEndian(entry.Slice(16, 8));
            var metadata = Read(file, metadataOffset, 64 * 1024);
            if (!metadata.AsSpan(0, 8).SequenceEqual("metadata"u8))
            {
                return null;
            }

            var items = BinaryPrimitives.ReadUInt16LittleEndian(metadata.AsSpan(10, 2));
            for (var j = 0; j < items && 32 + (j + 1) * 32 <= metadata.Length; j++)
            {
                var item = metadata.AsSpan(32 + j * 32, 32);
                if (new Guid(item[..16]) != VhdxFileParameters)
                {
                    continue;
                }

                var offset = BinaryPrimitives.ReadUInt32LittleEndian(item.Slice(16, 4));
                var parameters = Read(file, metadataOffset + offset, 8);
                var flags = BinaryPrimitives.ReadUInt32LittleEndian(parameters.AsSpan(4, 4));
                return (flags & 2) != 0 ? VirtualDiskType.Differencing
                    : (flags & 1) != 0 ? VirtualDiskType.Fixed
                    : VirtualDiskType.Dynamic;
            }
        }

        return null;
    }

    private static byte[] Read(FileStream file, long offset, int length)
    {
        var buffer = new byte[length];
        file.Seek(offset, SeekOrigin.Begin);
        file.ReadExactly(buffer);
        return buffer;
    }
}
