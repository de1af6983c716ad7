namespace HvWeb.Bench.Checkpoints;

internal static class Percentile
{
    /// <summary>Nearest-rank percentile of the samples (p in 0–100).</summary>
    public static double Of(IReadOnlyList<double> samples, double p)
    {
        var sorted = samples.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
