namespace HvWeb.Engine.Checkpoints;

/// <summary>A node of the checkpoint tree: the checkpoint, its children, and whether "Now" sits under it.</summary>
public sealed record CheckpointNode(Checkpoint Checkpoint, IReadOnlyList<CheckpointNode> Children, bool IsNowParent);

/// <summary>
/// The checkpoint tree of a VM, built from the flat list of checkpoints and the VM's
/// <see cref="Model.VmDefinition.ParentCheckpointId"/>. Pure. A checkpoint whose parent is missing
/// (deleted outside HvWeb) becomes a root rather than disappearing.
/// </summary>
public sealed class CheckpointTree
{
    private readonly Dictionary<Guid, Checkpoint> _byId;

    public CheckpointTree(IEnumerable<Checkpoint> checkpoints, Guid? nowParentId)
    {
        ArgumentNullException.ThrowIfNull(checkpoints);
        _byId = checkpoints.ToDictionary(c => c.Id);
        NowParentId = nowParentId is { } id && _byId.ContainsKey(id) ? id : null;
        Roots = [.. _byId.Values.Where(c => ParentOf(c) is null).OrderBy(c => c.CreatedUtc).Select(Build)];
    }

    public IReadOnlyList<CheckpointNode> Roots { get; }

    /// <summary>The checkpoint the VM runs from (null: none, "Now" is at the top level).</summary>
    public Guid? NowParentId { get; }

    public int Count => _byId.Count;

    public Checkpoint? Find(Guid id) => _byId.GetValueOrDefault(id);

    public Checkpoint Get(Guid id) => _byId.TryGetValue(id, out var c) ? c
        : throw new KeyNotFoundException($"There is no checkpoint {id}.");

    /// <summary>The checkpoint's parent as the tree sees it (null when it is a root or its parent is missing).</summary>
    public Guid? ParentOf(Checkpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return checkpoint.ParentId is { } p && _byId.ContainsKey(p) ? p : null;
    }

    public IReadOnlyList<Checkpoint> ChildrenOf(Guid id) =>
        [.. _byId.Values.Where(c => ParentOf(c) == id).OrderBy(c => c.CreatedUtc)];

    /// <summary>The checkpoint and everything under it, children before their parent (the order deletes run in).</summary>
    public IReadOnlyList<Checkpoint> SubtreeBottomUp(Guid id)
    {
        var result = new List<Checkpoint>();
        Visit(Get(id));
        return result;

        void Visit(Checkpoint c)
        {
            foreach (var child in ChildrenOf(c.Id))
            {
                Visit(child);
            }

            result.Add(c);
        }
    }

    /// <summary>True when "Now" runs from <paramref name="id"/> or from a checkpoint under it.</summary>
    public bool NowIsUnder(Guid id)
    {
        for (var current = NowParentId; current is { } c; current = ParentOf(Get(c)))
        {
            if (c == id)
            {
                return true;
            }
        }

        return false;
    }

    private CheckpointNode Build(Checkpoint c) =>
        new(c, [.. ChildrenOf(c.Id).Select(Build)], NowParentId == c.Id);
}
