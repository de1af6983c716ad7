using HvWeb.Engine.Checkpoints;
using HvWeb.Engine.Model;
using HvWeb.Engine.Qemu;

namespace HvWeb.Engine.Storage;

/// <summary>The wizard's summary of a move (pure): each item that changes place, from where to where, with its bytes.</summary>
public static class MoveSummary
{
    public static IReadOnlyList<MoveItem> Items(MoveLayout layout, IReadOnlyDictionary<string, long> sizes)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(sizes);
        var (before, after) = (layout.Before, layout.After);
        long Sum(Func<MoveFile, bool> which) => layout.Moving.Where(which).Sum(f => sizes.GetValueOrDefault(f.From));
        var items = new List<MoveItem>();
        if (before.Folder != after.Folder)
        {
            items.Add(new MoveItem("Configuration", before.Folder, after.Folder, Sum(f => f.Kind is MoveFileKind.RuntimeFile or MoveFileKind.FirmwareVars)));
        }

        if (CheckpointStore.Folder(before) != CheckpointStore.Folder(after))
        {
            items.Add(new MoveItem("Checkpoints", CheckpointStore.Folder(before), CheckpointStore.Folder(after), Sum(f => f.Kind is MoveFileKind.CheckpointRecord or MoveFileKind.CheckpointState)));
        }

        var pagingBefore = before.SmartPagingFileLocation ?? before.Folder;
        var pagingAfter = after.SmartPagingFileLocation ?? after.Folder;
        if (pagingBefore != pagingAfter)
        {
            items.Add(new MoveItem("Smart paging", pagingBefore, pagingAfter, 0));
        }

        foreach (var disk in layout.Moving.Where(f => f.Kind == MoveFileKind.ActiveDisk))
        {
            var drive = disk.Drive!;
            var chain = layout.Moving.Where(f => f.IsDisk && f.Drive == drive).ToList();
            var what = $"Hard disk {DriveNames.Device(drive)} ({Path.GetFileName(disk.From)}{(chain.Count > 1 ? $" and {chain.Count - 1} checkpoint file(s)" : "")})";
            items.Add(new MoveItem(what, disk.From, disk.To, chain.Sum(f => sizes.GetValueOrDefault(f.From))));
        }

        return items;
    }
}
