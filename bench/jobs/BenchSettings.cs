namespace HvWeb.JobsBench;

/// <summary>What to run: <c>--jobs 200 --rate 10 --seconds 10 --baseline 2000 --data DIR</c>.</summary>
internal sealed record BenchSettings(int Jobs, int ReportsPerSecond, int Seconds, int BaselineInserts, string DataRoot, bool TemporaryDataRoot)
{
    public static BenchSettings Parse(string[] args)
    {
        string? Arg(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        return new BenchSettings(
            int.Parse(Arg("--jobs") ?? "200"),
            int.Parse(Arg("--rate") ?? "10"),
            int.Parse(Arg("--seconds") ?? "10"),
            int.Parse(Arg("--baseline") ?? "2000"),
            Arg("--data") ?? Path.Combine(Path.GetTempPath(), $"hvweb-jobs-bench-{Environment.ProcessId}"),
            Arg("--data") is null);
    }

    public int ReportsPerJob => ReportsPerSecond * Seconds;
}
