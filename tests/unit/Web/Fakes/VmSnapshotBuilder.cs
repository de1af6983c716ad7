using HvWeb.Engine.Model;

namespace HvWeb.Tests.Unit.Web.Fakes;

public sealed class VmSnapshotBuilder
{
    private Guid _id = Guid.NewGuid();
    private string _name = "web01";
    private VmState _state = VmState.Off;
    private double _cpu;
    private long _memoryAssignedMb;
    private long _uptimeSeconds;
    private string _status = "";
    private IReadOnlyList<DriveDefinition> _drives = [];

    public VmSnapshotBuilder WithId(Guid id) { _id = id; return this; }
    public VmSnapshotBuilder Named(string name) { _name = name; return this; }
    public VmSnapshotBuilder In(VmState state) { _state = state; return this; }
    public VmSnapshotBuilder Using(double cpuPercent, long memoryAssignedMb) { _cpu = cpuPercent; _memoryAssignedMb = memoryAssignedMb; return this; }
    public VmSnapshotBuilder UpFor(long seconds) { _uptimeSeconds = seconds; return this; }
    public VmSnapshotBuilder WithStatus(string status) { _status = status; return this; }
    public VmSnapshotBuilder WithDrives(params DriveDefinition[] drives) { _drives = drives; return this; }

    public VmSnapshot Build() => new()
    {
        Definition = new VmDefinition
        {
            Id = _id,
            Name = _name,
            Generation = VmGeneration.One,
            MemoryStartupMb = 256,
            Drives = _drives,
            CreatedUtc = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero),
            Folder = $"/srv/vms/{_name}",
        },
        State = _state,
        CpuUsagePercent = _cpu,
        MemoryAssignedMb = _memoryAssignedMb,
        UptimeSeconds = _uptimeSeconds,
        Status = _status,
    };
}
