namespace HvWeb.Jobs;

public sealed record JobLogLine(DateTimeOffset TimeUtc, string Text);
