using HvWeb.Engine.Events;

namespace HvWeb.Tests.Unit.Persistence;

/// <summary>Builds <see cref="HostEvent"/>s for tests; times are minutes after <see cref="Origin"/>.</summary>
internal sealed class HostEventBuilder
{
    public static readonly DateTimeOffset Origin = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private DateTimeOffset time = Origin;
    private EventLevel level = EventLevel.Information;
    private string source = HostEvent.ManagementSource;
    private Guid? vmId;
    private string? vmName;
    private string message = "Something happened.";

    public HostEventBuilder AtMinute(int minute) => At(Origin.AddMinutes(minute));

    public HostEventBuilder At(DateTimeOffset value)
    {
        time = value;
        return this;
    }

    public HostEventBuilder WithLevel(EventLevel value)
    {
        level = value;
        return this;
    }

    public HostEventBuilder FromSource(string value)
    {
        source = value;
        return this;
    }

    public HostEventBuilder ForVm(Guid id, string? name = null)
    {
        vmId = id;
        vmName = name;
        return this;
    }

    public HostEventBuilder WithMessage(string value)
    {
        message = value;
        return this;
    }

    public HostEvent Build() => new()
    {
        TimeUtc = time,
        Level = level,
        Source = source,
        VmId = vmId,
        VmName = vmName,
        Message = message,
    };
}
