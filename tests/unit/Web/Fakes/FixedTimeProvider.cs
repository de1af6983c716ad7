namespace HvWeb.Tests.Unit.Web.Fakes;

/// <summary>A clock that says what the test wants.</summary>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
