using HvWeb.Bench.Common;
using System.Globalization;

namespace HvWeb.Bench.Checkpoints;

/// <summary>One measured operation: its wall times, and where the VM ran, the pause (QMP) and the heartbeat's longest gap.</summary>
internal sealed class Series(string name)
{
    public string Name { get; } = name;

    public List<double> Milliseconds { get; } = [];

    public List<double> PauseMs { get; } = [];

    public List<double> HeartbeatGapMs { get; } = [];

    public List<double> GuestClockGapMs { get; } = [];

    public double Median => Percentile.Of(Milliseconds, 50);

    public string Row()
    {
        var pause = PauseMs.Count == 0 ? "—" : $"{F(Percentile.Of(PauseMs, 50))} / {F(Percentile.Of(PauseMs, 95))}";
        var gap = HeartbeatGapMs.Count == 0 ? "—" : $"{F(Percentile.Of(HeartbeatGapMs, 50))} / {F(Percentile.Of(HeartbeatGapMs, 95))}";
        var guest = GuestClockGapMs.Count == 0 ? "—" : $"{F(Percentile.Of(GuestClockGapMs, 50))} / {F(Percentile.Of(GuestClockGapMs, 95))}";
        return $"| {Name} | {Milliseconds.Count} | {F(Median)} | {F(Percentile.Of(Milliseconds, 95))} | {pause} | {gap} | {guest} |";
    }

    public static string F(double value) => value.ToString(value >= 100 ? "0" : "0.0", CultureInfo.InvariantCulture);
}
