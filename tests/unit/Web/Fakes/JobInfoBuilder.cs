using HvWeb.Jobs;

namespace HvWeb.Tests.Unit.Web.Fakes;

public sealed class JobInfoBuilder
{
    private Guid _id = Guid.NewGuid();
    private string _kind = "save-vm";
    private string _description = "Save VM 'web01'";
    private Guid? _vmId;
    private string? _vmName = "web01";
    private string _startedBy = "admin";
    private JobState _state = JobState.Running;
    private int _percent;
    private string? _step;
    private int _createdMinute;
    private string? _error;
    private bool _canCancel = true;

    public JobInfoBuilder WithId(Guid id) { _id = id; return this; }
    public JobInfoBuilder OfKind(string kind, string description) { _kind = kind; _description = description; return this; }
    public JobInfoBuilder ForVm(Guid id, string name) { _vmId = id; _vmName = name; return this; }
    public JobInfoBuilder StartedBy(string user) { _startedBy = user; return this; }
    public JobInfoBuilder In(JobState state) { _state = state; return this; }
    public JobInfoBuilder At(int percent, string? step = null) { _percent = percent; _step = step; return this; }
    public JobInfoBuilder CreatedAtMinute(int minute) { _createdMinute = minute; return this; }
    public JobInfoBuilder FailedWith(string error) { _state = JobState.Failed; _error = error; return this; }
    public JobInfoBuilder Cancellable(bool value) { _canCancel = value; return this; }

    public JobInfo Build() => new()
    {
        Id = _id,
        Kind = _kind,
        Description = _description,
        VmId = _vmId,
        VmName = _vmName,
        StartedBy = _startedBy,
        State = _state,
        Percent = _percent,
        Step = _step,
        CreatedUtc = FakeJobService.Origin.AddMinutes(_createdMinute),
        StartedUtc = _state == JobState.Queued ? null : FakeJobService.Origin.AddMinutes(_createdMinute),
        EndedUtc = _state is JobState.Queued or JobState.Running ? null : FakeJobService.Origin.AddMinutes(_createdMinute + 1),
        Error = _error,
        CanCancel = _canCancel,
    };
}
