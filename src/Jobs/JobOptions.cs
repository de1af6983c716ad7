namespace HvWeb.Jobs;

/// <summary>Settings of the job runner (section "HvWeb:Jobs" of the configuration).</summary>
public sealed class JobOptions
{
    public const string Section = "HvWeb:Jobs";

    /// <summary>
    /// Most jobs of one kind that run at once on this host; the rest wait in a first-in,
    /// first-out queue. Storage moves and live migrations default to 2, as Hyper-V's
    /// "simultaneous storage migrations" and "simultaneous live migrations" do.
    /// </summary>
    public Dictionary<string, int> Limits { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["move-storage"] = 2,
        ["migrate"] = 2,
    };

    /// <summary>The limit of every kind not named in <see cref="Limits"/>.</summary>
    public int DefaultLimit { get; set; } = 4;

    /// <summary>
    /// On a graceful stop, how long running jobs may still finish with their real outcome; those
    /// still running then are recorded as Aborted (their work is not cancelled). Keep it below the
    /// host's shutdown timeout (30 s by default).
    /// </summary>
    public TimeSpan ShutdownGrace { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many ended jobs a new subscription shows beside the unfinished ones.</summary>
    public int RecentJobs { get; set; } = 50;

    /// <summary>
    /// A limit that can change while the host runs (Hyper-V Settings' simultaneous storage
    /// migrations), asked each time; null for a kind = <see cref="Limits"/> decides.
    /// </summary>
    public Func<string, int?>? LimitOverride { get; set; }

    /// <summary>The limit for <paramref name="kind"/>, at least 1.</summary>
    public int LimitOf(string kind) =>
        Math.Max(1, LimitOverride?.Invoke(kind) ?? (Limits.TryGetValue(kind, out var limit) ? limit : DefaultLimit));
}
