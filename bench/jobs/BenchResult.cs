using HvWeb.Bench.Common;
using System.Runtime.InteropServices;
using System.Text;

namespace HvWeb.JobsBench;

internal sealed class BenchResult
{
    public required BenchSettings Settings { get; init; }
    public required TimeSpan Elapsed { get; init; }
    public required int Reports { get; init; }
    public required int Reads { get; init; }
    public required int Transactions { get; init; }
    public required long RowsWritten { get; init; }
    public required IReadOnlyCollection<double> WriteMilliseconds { get; init; }
    public required IReadOnlyCollection<double> AddMilliseconds { get; init; }
    public required double RawInsertMsBefore { get; init; }
    public required double RawInsertMsAfter { get; init; }
    public required IReadOnlyCollection<(int Rows, double Milliseconds)> Flushes { get; init; }
    public required string JournalMode { get; init; }
    public required string Synchronous { get; init; }
    public required int Busy { get; init; }
    public required bool AllSucceeded { get; init; }

    public double RawInsertMs => (RawInsertMsBefore + RawInsertMsAfter) / 2;

    /// <summary>Time spent writing (all transactions) per progress report the jobs made.</summary>
    public double WriteMsPerReport => WriteMilliseconds.Sum() / Math.Max(1, Reports);

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine($"machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}; SQLite journal_mode={JournalMode}, synchronous={Synchronous}");
        text.AppendLine();
        text.AppendLine("| measure | value |");
        text.AppendLine("|---|---|");
        text.AppendLine($"| jobs × reports | {Settings.Jobs} × {Settings.ReportsPerJob} ({Settings.ReportsPerSecond}/s for {Settings.Seconds} s) |");
        text.AppendLine($"| progress reports made | {Reports:N0} in {Elapsed.TotalSeconds:0.0} s |");
        text.AppendLine($"| write transactions (progress and state changes) | {Transactions:N0} ({RowsWritten:N0} job rows, {RowsWritten / (double)Math.Max(1, Transactions):0.0} per transaction) |");
        text.AppendLine($"| write time per report | {WriteMsPerReport:0.000} ms |");
        text.AppendLine($"| raw insert, one per transaction ({Settings.BaselineInserts:N0} before and after) | {RawInsertMs:0.000} ms ({RawInsertMsBefore:0.000} / {RawInsertMsAfter:0.000}) |");
        text.AppendLine($"| **ratio (write time per report / raw insert)** | **{WriteMsPerReport / RawInsertMs:0.000}** |");
        text.AppendLine($"| commit time p50 / p99 / max | {Percentile.Of(WriteMilliseconds, 50):0.0} / {Percentile.Of(WriteMilliseconds, 99):0.0} / {Percentile.Of(WriteMilliseconds, 100):0.0} ms |");
        text.AppendLine($"| progress flushes | {Flushes.Count} of {(Flushes.Count == 0 ? 0 : Flushes.Average(f => f.Rows)):0} jobs, {(Flushes.Count == 0 ? 0 : Flushes.Average(f => f.Milliseconds)):0.0} ms each on average |");
        text.AppendLine($"| enqueue insert p99 | {Percentile.Of(AddMilliseconds, 99):0.0} ms |");
        text.AppendLine($"| reads by a simulated page meanwhile | {Reads:N0} |");
        text.AppendLine($"| SQLITE_BUSY / SQLITE_LOCKED | {Busy} |");
        text.AppendLine($"| every job Succeeded at 100 % | {(AllSucceeded ? "yes" : "NO")} |");
        return text.ToString();
    }
}
