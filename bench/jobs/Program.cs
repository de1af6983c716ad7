using HvWeb.JobsBench;

// 200 concurrent jobs reporting progress ten times a second through the real runner and
// SqliteJobStore on a real SQLite file in WAL mode. See docs/jobs.md.
var settings = BenchSettings.Parse(args);
Console.WriteLine($"jobs {settings.Jobs}, {settings.ReportsPerSecond} reports/s each for {settings.Seconds} s, data root {settings.DataRoot}");
var result = await JobsBenchmark.RunAsync(settings);
if (settings.TemporaryDataRoot)
{
    Directory.Delete(settings.DataRoot, recursive: true);
}

Console.WriteLine();
Console.WriteLine(result.ToMarkdown());
return result.Busy == 0 && result.AllSucceeded ? 0 : 1;
