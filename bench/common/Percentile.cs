namespace HvWeb.Bench.Common;

/// <summary>Nearest-rank percentile, shared by the benchmarks (linked into each project).</summary>
internal static class Percentile
{
    /// <summary>Nearest-rank percentile (p in 0–100) of the samples; NaN when there are none.</summary>
    public static double Of(IReadOnlyCollection<double> samples, double p)
    {
        if (samples.Count == 0)
        {
            return double.NaN;
        }

        var sorted = samples.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
