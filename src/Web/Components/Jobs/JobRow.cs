using HvWeb.Jobs;

namespace HvWeb.Web.Components.Jobs;

/// <summary>A table row that keeps its identity while its job changes (see <c>VmRow</c>: MudTable keys rows by item).</summary>
public sealed class JobRow(JobInfo job)
{
    public JobInfo Job { get; set; } = job;
}
