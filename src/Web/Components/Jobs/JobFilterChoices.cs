using HvWeb.Jobs;

namespace HvWeb.Web.Components.Jobs;

/// <summary>What the jobs page's filters offer: the VMs, kinds and users of the jobs seen so far (and the inventory's VMs).</summary>
public sealed class JobFilterChoices
{
    private readonly Dictionary<Guid, string> _vmNames = [];
    private readonly SortedSet<string> _kinds = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _users = new(StringComparer.Ordinal);

    public IEnumerable<(Guid Id, string Name)> Vms =>
        _vmNames.Select(p => (p.Key, p.Value)).OrderBy(p => p.Value, StringComparer.OrdinalIgnoreCase);

    public IEnumerable<string> Kinds => _kinds;

    public IEnumerable<string> Users => _users;

    public void AddVm(Guid id, string name) => _vmNames.TryAdd(id, name);

    public void Learn(IEnumerable<JobInfo> jobs)
    {
        foreach (var job in jobs)
        {
            if (job.VmId is { } vmId && !string.IsNullOrEmpty(job.VmName))
            {
                AddVm(vmId, job.VmName);
            }

            _kinds.Add(job.Kind);
            _users.Add(job.StartedBy);
        }
    }
}
