using HvWeb.Jobs;

namespace HvWeb.Tests.Unit.Jobs;

/// <summary>Builds <see cref="JobInfo"/>s for tests; times are minutes after <see cref="Origin"/>.</summary>
internal sealed class JobInfoBuilder
{
    public static readonly DateTimeOffset Origin = new(2025, 5, 1, 9, 0, 0, TimeSpan.Zero);

    private Guid _id = Guid.NewGuid();
    private string _kind = "save";
    private string _description = "Save VM 'web01'";
    private Guid? _vmId;
    private string? _vmName;
    private string _startedBy = "admin";
    private JobState _state = JobState.Succeeded;
    private int _minute;

    public JobInfoBuilder WithId(Guid id) { _id = id; return this; }
    public JobInfoBuilder OfKind(string kind) { _kind = kind; return this; }
    public JobInfoBuilder Described(string description) { _description = description; return this; }
    public JobInfoBuilder ForVm(Guid id, string name = "web01") { _vmId = id; _vmName = name; return this; }
    public JobInfoBuilder StartedBy(string user) { _startedBy = user; return this; }
    public JobInfoBuilder In(JobState state) { _state = state; return this; }
    public JobInfoBuilder AtMinute(int minute) { _minute = minute; return this; }

    public JobInfo Build()
    {
        var created = Origin.AddMinutes(_minute);
        var started = _state == JobState.Queued ? (DateTimeOffset?)null : created.AddSeconds(1);
        var ended = _state is JobState.Queued or JobState.Running ? (DateTimeOffset?)null : created.AddSeconds(30);
        return new JobInfo
        {
            Id = _id,
            Kind = _kind,
            Description = _description,
            VmId = _vmId,
            VmName = _vmName,
            StartedBy = _startedBy,
            State = _state,
            Percent = _state == JobState.Succeeded ? 100 : 40,
            Step = _state == JobState.Queued ? null : "Writing memory and device state",
            CreatedUtc = created,
            StartedUtc = started,
            EndedUtc = ended,
            Error = _state == JobState.Failed ? "QEMU exited" : null,
            CanCancel = true,
        };
    }
}
